package org.drgaudit.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.drgaudit.shared.DomainException;
import org.drgaudit.shared.Ndjson;

/**
 * Parses small NDJSON texts (golden cases, test fixtures) with exactly the checks of an import,
 * in memory. A text with any bad record is refused whole, with every fault located.
 */
public final class NdjsonRecords {

    private NdjsonRecords() {
    }

    public static List<SettledCase> cases(String source, String text, Set<String> hospitals) {
        return parse(source, text, new CaseRecordParser(hospitals));
    }

    public static List<OutpatientVisit> visits(String source, String text, Set<String> hospitals) {
        return parse(source, text, new OutpatientVisitParser(hospitals));
    }

    private static <T> List<T> parse(String source, String text, RecordParser<T> parser) {
        List<T> out = new ArrayList<>();
        List<ImportError> errors = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            List<ImportError> lineErrors = new ArrayList<>();
            Ndjson.Parsed parsed = Ndjson.parse(line);
            JsonNode node = parsed.node();
            if (node == null) {
                lineErrors.add(new ImportError(i + 1, parsed.faultField(), parsed.fault()));
            } else {
                T record = node.isObject() ? parser.parse(node, new RecordFields(i + 1, lineErrors)) : null;
                if (!node.isObject()) {
                    lineErrors.add(new ImportError(i + 1, null, "must be one JSON object per line"));
                }
                if (lineErrors.isEmpty()) {
                    out.add(record);
                }
            }
            errors.addAll(lineErrors);
        }
        if (!errors.isEmpty()) {
            ImportError first = errors.get(0);
            throw new DomainException(422, "Invalid records", source + " has " + errors.size() + " error(s); first at line "
                    + first.line() + (first.field() == null ? "" : ", field " + first.field()) + ": " + first.message(),
                    errors, null);
        }
        return out;
    }
}
