package org.drgaudit.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one NDJSON record into a {@link HospitalRecord}. A hospital code is plain ASCII (letters, digits, '-',
 * '_'), so that no code can look like another (full-width letters, zero-width characters); its region must have
 * policy parameters, or every sweep would skip the hospital's cases.
 */
final class HospitalRecordParser implements RecordParser<HospitalRecord> {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final BigDecimal MAX_COEFFICIENT = new BigDecimal("10.0000");

    private final Set<String> regions;

    /** {@code regions}: the regions the knowledge base has parameters for. */
    HospitalRecordParser(Set<String> regions) {
        this.regions = regions;
    }

    @Override
    public HospitalRecord parse(JsonNode n, RecordFields f) {
        String code = f.text(n, "code", true, RecordFields.CODE_LENGTH);
        if (code != null && !CODE.matcher(code).matches()) {
            f.error("code", "must be ASCII letters, digits, '-' or '_' (starting with a letter or digit), not '" + code + "'"
                    + offending(code));
            code = null;
        }
        String name = f.text(n, "name", true);
        Integer level = f.integer(n, "level", true, 1, 3);
        String type = f.text(n, "type", false, RecordFields.CODE_LENGTH);
        String region = f.text(n, "region", true, RecordFields.CODE_LENGTH);
        if (region != null && !regions.contains(region)) {
            f.error("region", "region '" + region + "' has no policy parameters in the knowledge base, so no sweep could judge "
                    + "this hospital's cases; known regions: " + regions.stream().sorted().toList()
                    + ". Add the region's parameters first (knowledge-base/parameters/), or correct the region.");
        }
        String alliance = f.text(n, "allianceCode", false, RecordFields.CODE_LENGTH);
        BigDecimal coefficient = f.decimal(n, "coefficient", true, 4, MAX_COEFFICIENT);
        if (coefficient != null && coefficient.signum() == 0) {
            f.error("coefficient", "must be greater than zero");
        }
        return f.hasErrors() ? null : new HospitalRecord(code, name, level, type, region, alliance, coefficient);
    }

    /** Names the first character that is not allowed, with its code point (a zero-width space looks like nothing). */
    private static String offending(String code) {
        for (int i = 0; i < code.length(); i = code.offsetByCodePoints(i, 1)) {
            int cp = code.codePointAt(i);
            boolean ok = cp < 128 && (Character.isLetterOrDigit(cp) || cp == '-' || cp == '_');
            if (!ok) {
                return String.format("; character %d is U+%04X %s", code.codePointCount(0, i) + 1, cp,
                        Character.getName(cp) == null ? "" : Character.getName(cp));
            }
        }
        return "";
    }
}
