package org.drgaudit.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.drgaudit.shared.Months;

/**
 * Reads typed fields out of one JSON record and records, instead of throwing, every field that is
 * missing or malformed, with its path ({@code secondaryDiagnoses[2].code}) and the line it is on.
 * Every value is bounded before it is used: texts by length and characters (no NUL, no unpaired surrogate),
 * numbers by range and decimal places checked without expanding them (so {@code 1e5000} costs nothing and is
 * refused), dates to the years 1900–2100; nothing that passes can overflow a column or break a later read.
 */
final class RecordFields {

    /** Ids: settlement, patient and visit ids (national ids are 30 characters). */
    static final int ID_LENGTH = 64;
    /** Codes: hospital, diagnosis, procedure, group and version codes. */
    static final int CODE_LENGTH = 32;
    /** Names and other free text. */
    static final int TEXT_LENGTH = 200;
    /** Amounts in CNY: one stay or visit costs far less than 100 million. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000.00");
    /** Ventilator and ICU hours: at most ten years of a stay. */
    static final BigDecimal MAX_HOURS = new BigDecimal("87840.00");
    /** DRG weights (the national maximum is below 40). */
    static final BigDecimal MAX_WEIGHT = new BigDecimal("100.0000");

    private final long line;
    private final List<ImportError> errors;

    RecordFields(long line, List<ImportError> errors) {
        this.line = line;
        this.errors = errors;
    }

    void error(String field, String message) {
        errors.add(new ImportError(line, field, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** A free text of at most {@link #TEXT_LENGTH} characters. */
    String text(JsonNode node, String field, boolean required) {
        return text(node, field, required, TEXT_LENGTH);
    }

    String text(JsonNode node, String field, boolean required, int maxLength) {
        JsonNode v = node.get(leaf(field));
        if (v == null || v.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            error(field, "must be a string");
            return null;
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            if (required) {
                error(field, "must not be empty");
            }
            return null;
        }
        if (s.length() > maxLength) {
            error(field, "is " + s.length() + " characters long; at most " + maxLength + " are allowed");
            return null;
        }
        String fault = characterFault(s);
        if (fault != null) {
            error(field, fault);
            return null;
        }
        return s;
    }

    /**
     * What makes a text unstorable or unreadable, or null: a NUL or other control character (PostgreSQL refuses NUL,
     * and none belongs in a settlement list), or a UTF-16 surrogate without its pair (a JSON escape such as
     * {@code \\ud800} alone encodes no character).
     */
    static String characterFault(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return "contains the control character U+" + String.format("%04X", (int) c) + " at position " + (i + 1)
                        + (c == 0 ? " (NUL, \\u0000)" : "") + "; remove it";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired UTF-16 surrogate (\\u" + String.format("%04x", (int) c) + ") at position " + (i + 1)
                        + ", which is no character";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate (\\u" + String.format("%04x", (int) c) + ") at position " + (i + 1)
                        + ", which is no character";
            }
        }
        return null;
    }

    Integer integer(JsonNode node, String field, boolean required, int min, int max) {
        JsonNode v = node.get(leaf(field));
        if (v == null || v.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            error(field, "must be a whole number (a JSON integer such as 12, not a string or a decimal) between " + min + " and "
                    + max + ", not " + shown(v));
            return null;
        }
        int i = v.asInt();
        if (i < min || i > max) {
            error(field, "must be between " + min + " and " + max + ", not " + i);
            return null;
        }
        return i;
    }

    /** An amount in CNY: two decimal places, 0 to {@link #MAX_AMOUNT}. */
    BigDecimal amount(JsonNode node, String field, boolean required) {
        return decimal(node, field, required, 2, MAX_AMOUNT);
    }

    /**
     * A non-negative decimal with at most {@code scale} places, not above {@code max}. Range and places are checked on
     * the number as written ({@code 1e5000} is a 1 with an exponent, compared in an instant), never by expanding it.
     */
    BigDecimal decimal(JsonNode node, String field, boolean required, int scale, BigDecimal max) {
        JsonNode v = node.get(leaf(field));
        if (v == null || v.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        BigDecimal d;
        try {
            if (v.isNumber()) {
                d = v.decimalValue();
            } else if (v.isTextual() && v.textValue().length() <= 40) {
                d = new BigDecimal(v.textValue().trim());
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            error(field, "must be a decimal number, not " + shown(v));
            return null;
        }
        if (d.signum() < 0) {
            error(field, "must not be negative, got " + shown(v));
            return null;
        }
        if (d.compareTo(max) > 0) {
            error(field, "must be at most " + max.toPlainString() + ", got " + shown(v));
            return null;
        }
        if (d.scale() > scale && d.stripTrailingZeros().scale() > scale) {
            error(field, "has more than " + scale + " decimal places: " + shown(v));
            return null;
        }
        return d.setScale(scale, RoundingMode.UNNECESSARY);
    }

    LocalDateTime dateTime(JsonNode node, String field, boolean required) {
        String s = text(node, field, required, 40);
        if (s == null) {
            return null;
        }
        try {
            LocalDateTime t = s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s.replace(' ', 'T'));
            if (!Months.inRange(t.getYear())) {
                error(field, "must fall in the years " + Months.FIRST_YEAR + "–" + Months.LAST_YEAR + ", not '" + s + "'");
                return null;
            }
            return t;
        } catch (DateTimeParseException e) {
            error(field, "must be an ISO local date-time like 2024-03-05T08:30:00, not '" + s + "'");
            return null;
        }
    }

    LocalDate date(JsonNode node, String field, boolean required) {
        String s = text(node, field, required, 40);
        if (s == null) {
            return null;
        }
        try {
            LocalDate d = s.length() > 10 ? LocalDateTime.parse(s.replace(' ', 'T')).toLocalDate() : LocalDate.parse(s);
            if (!Months.inRange(d)) {
                error(field, "must fall in the years " + Months.FIRST_YEAR + "–" + Months.LAST_YEAR + ", not '" + s + "'");
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            error(field, "must be an ISO date like 2024-03-05, not '" + s + "'");
            return null;
        }
    }

    Boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(leaf(field));
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            error(field, "must be true or false, not " + shown(v));
            return null;
        }
        return v.asBoolean();
    }

    <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type, boolean required) {
        String s = text(node, field, required, 40);
        if (s == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : " | ").append(e.name());
        }
        error(field, "must be one of " + allowed + ", not '" + s + "'");
        return null;
    }

    /** A list of at most {@code max} entries, or null (with the fault recorded) when it is none. */
    JsonNode list(JsonNode node, String field, int max) {
        JsonNode v = node.get(leaf(field));
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            error(field, "must be a list");
            return null;
        }
        if (v.size() > max) {
            error(field, "has " + v.size() + " entries; at most " + max + " are allowed");
            return null;
        }
        return v;
    }

    /** A value as the message shows it: short, whatever the input. */
    static String shown(JsonNode v) {
        return Months.shown(v.isTextual() ? "'" + v.textValue() + "'" : v.toString());
    }

    /** The last segment of a path: fields are read from the node the path ends in. */
    private static String leaf(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(dot + 1);
    }
}
