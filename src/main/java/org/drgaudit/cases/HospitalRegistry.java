package org.drgaudit.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.Ndjson;

/** The hospital registry: import, the knowledge base's own hospitals, look-ups. */
@ApplicationScoped
public class HospitalRegistry {

    /**
     * Imports an NDJSON file of hospitals with the same guarantees as a case import. {@code regions} are the regions
     * with policy parameters; a code that differs from a registered one (or one earlier in the file) only in letter
     * case is refused, as a look-alike.
     */
    @Transactional
    public ImportResult importHospitals(InputStream body, ImportOptions options, Set<String> regions) {
        List<ImportError> errors = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        Map<String, String> byFoldedCode = new HashMap<>();
        Hospital.<Hospital>streamAll().forEach(h -> byFoldedCode.put(h.code.toLowerCase(Locale.ROOT), h.code));
        List<HospitalRecord> good = new ArrayList<>();
        long rejected = 0;
        long skipped = 0;
        HospitalRecordParser parser = new HospitalRecordParser(regions);
        try {
            Ndjson.Lines lines = new Ndjson.Lines(body);
            Ndjson.Line l;
            while ((l = lines.next()) != null) {
                long line = l.number();
                if (l.readable() && l.text().isBlank()) {
                    continue;
                }
                List<ImportError> lineErrors = new ArrayList<>();
                HospitalRecord r = l.readable() ? parse(line, l.text(), parser, lineErrors) : null;
                if (!l.readable()) {
                    lineErrors.add(new ImportError(line, l.faultField(), l.fault()));
                }
                String lookAlike = r == null ? null : byFoldedCode.get(r.code().toLowerCase(Locale.ROOT));
                if (r != null && seen.containsKey(r.code())) {
                    lineErrors.add(new ImportError(line, "code", "hospital '" + r.code() + "' already appears at line " + seen.get(r.code())));
                } else if (lookAlike != null && !lookAlike.equals(r.code())) {
                    lineErrors.add(new ImportError(line, "code", "'" + r.code() + "' differs from hospital '" + lookAlike
                            + "' only in letter case; codes that look alike are refused. Use '" + lookAlike + "' or a distinct code"));
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
                    byFoldedCode.putIfAbsent(r.code().toLowerCase(Locale.ROOT), r.code());
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
        Ndjson.Parsed p = Ndjson.parse(text);
        if (p.node() == null) {
            errors.add(new ImportError(line, p.faultField(), p.fault()));
            return null;
        }
        if (!p.node().isObject()) {
            errors.add(new ImportError(line, null, "must be one JSON object per line"));
            return null;
        }
        return parser.parse(p.node(), new RecordFields(line, errors));
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
