package org.drgaudit.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.DomainException;

/** The hospital registry: import, the knowledge base's own hospitals, look-ups. */
@ApplicationScoped
public class HospitalRegistry {

    /** Imports an NDJSON file of hospitals with the same guarantees as a case import. */
    @Transactional
    public ImportResult importHospitals(InputStream body, ImportOptions options) {
        List<ImportError> errors = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        List<HospitalRecord> good = new ArrayList<>();
        long rejected = 0;
        long skipped = 0;
        HospitalRecordParser parser = new HospitalRecordParser();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                List<ImportError> lineErrors = new ArrayList<>();
                HospitalRecord r = parse(line, text, parser, lineErrors);
                if (r != null && seen.containsKey(r.code())) {
                    lineErrors.add(new ImportError(line, "code", "hospital '" + r.code() + "' already appears at line " + seen.get(r.code())));
                } else if (r != null) {
                    Hospital stored = Hospital.findById(r.code());
                    if (stored != null && stored.toRecord().sameAs(r)) {
                        skipped++;
                        seen.put(r.code(), line);
                        continue;
                    }
                    if (stored != null && !options.replace()) {
                        lineErrors.add(new ImportError(line, "code", "hospital '" + r.code()
                                + "' is already stored with different content; upload with replace=true to replace it"));
                    }
                }
                if (lineErrors.isEmpty()) {
                    seen.put(r.code(), line);
                    good.add(r);
                } else {
                    rejected++;
                    errors.addAll(lineErrors);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the upload failed: " + e.getMessage(), e);
        }
        if (rejected > 0 && !options.partial()) {
            return new ImportResult(0, skipped, rejected, errors);
        }
        good.forEach(this::upsert);
        return new ImportResult(good.size(), skipped, rejected, errors);
    }

    private static HospitalRecord parse(long line, String text, HospitalRecordParser parser, List<ImportError> errors) {
        JsonNode node;
        try {
            node = CanonicalJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            errors.add(new ImportError(line, null, "not valid JSON: " + e.getOriginalMessage()));
            return null;
        }
        if (!node.isObject()) {
            errors.add(new ImportError(line, null, "must be one JSON object per line"));
            return null;
        }
        return parser.parse(node, new RecordFields(line, errors));
    }

    /** Stores or updates one hospital (the knowledge base's registry is authoritative for its own). */
    @Transactional
    public void upsert(HospitalRecord r) {
        Hospital h = Hospital.findById(r.code());
        if (h == null) {
            h = new Hospital();
            h.apply(r);
            h.persist();
        } else if (!h.toRecord().sameAs(r)) {
            h.apply(r);
        }
    }

    @Transactional
    public Set<String> codes() {
        return Hospital.<Hospital>streamAll().map(h -> h.code).collect(Collectors.toSet());
    }

    @Transactional
    public List<HospitalRecord> all() {
        return Hospital.<Hospital>listAll(io.quarkus.panache.common.Sort.by("code")).stream().map(Hospital::toRecord).toList();
    }

    @Transactional
    public HospitalRecord get(String code) {
        Hospital h = Hospital.findById(code);
        if (h == null) {
            throw DomainException.notFound("Hospital", code);
        }
        return h.toRecord();
    }
}
