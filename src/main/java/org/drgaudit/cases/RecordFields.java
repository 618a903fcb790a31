package org.drgaudit.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads typed fields out of one JSON record and records, instead of throwing, every field that is
 * missing or malformed, with its path ({@code secondaryDiagnoses[2].code}) and the line it is on.
 */
final class RecordFields {

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

    String text(JsonNode node, String field, boolean required) {
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
        return s;
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
            error(field, "must be a whole number (a JSON integer such as 12, not a string or a decimal), not " + v);
            return null;
        }
        int i = v.asInt();
        if (i < min || i > max) {
            error(field, "must be between " + min + " and " + max + ", not " + i);
            return null;
        }
        return i;
    }

    BigDecimal amount(JsonNode node, String field, boolean required) {
        return decimal(node, field, required, 2);
    }

    /** A non-negative decimal with at most {@code scale} places (amounts have two, coefficients four). */
    BigDecimal decimal(JsonNode node, String field, boolean required, int scale) {
        JsonNode v = node.get(leaf(field));
        if (v == null || v.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        BigDecimal d;
        try {
            d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            error(field, "must be a decimal number, not " + v);
            return null;
        }
        if (d.signum() < 0) {
            error(field, "must not be negative, got " + d.toPlainString());
            return null;
        }
        if (d.scale() > scale && d.stripTrailingZeros().scale() > scale) {
            error(field, "has more than " + scale + " decimal places: " + d.toPlainString());
            return null;
        }
        return d.setScale(scale, java.math.RoundingMode.UNNECESSARY);
    }

    LocalDateTime dateTime(JsonNode node, String field, boolean required) {
        String s = text(node, field, required);
        if (s == null) {
            return null;
        }
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            error(field, "must be an ISO local date-time like 2024-03-05T08:30:00, not '" + s + "'");
            return null;
        }
    }

    LocalDate date(JsonNode node, String field, boolean required) {
        String s = text(node, field, required);
        if (s == null) {
            return null;
        }
        try {
            return s.length() > 10 ? LocalDateTime.parse(s.replace(' ', 'T')).toLocalDate() : LocalDate.parse(s);
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
            error(field, "must be true or false, not " + v);
            return null;
        }
        return v.asBoolean();
    }

    <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type, boolean required) {
        String s = text(node, field, required);
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

    /** The last segment of a path: fields are read from the node the path ends in. */
    private static String leaf(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(dot + 1);
    }
}
