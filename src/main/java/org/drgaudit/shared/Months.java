package org.drgaudit.shared;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * Settlement months and dates as users write them, within the years the service handles (1900–2100): java.time
 * reads {@code -999999999-01}, which no database column holds, so every month from a request goes through here.
 */
public final class Months {

    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2100;

    private Months() {
    }

    /** A month written YYYY-MM, or a 400 naming the field. */
    public static YearMonth parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw DomainException.badRequest("'" + field + "' is required, written as YYYY-MM (e.g. 2024-03).");
        }
        YearMonth m = parseOrNull(text.strip());
        if (m == null) {
            throw DomainException.badRequest("'" + field + "' must be a month between " + FIRST_YEAR + "-01 and " + LAST_YEAR
                    + "-12 written YYYY-MM (e.g. 2024-03), not '" + shown(text) + "'.");
        }
        return m;
    }

    /** A month written YYYY-MM within the years handled, or null. */
    public static YearMonth parseOrNull(String text) {
        if (text == null || text.length() != 7 || text.charAt(4) != '-') {
            return null;
        }
        try {
            YearMonth m = YearMonth.parse(text);
            return inRange(m.getYear()) ? m : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static boolean inRange(LocalDate date) {
        return inRange(date.getYear());
    }

    public static boolean inRange(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** User input shown in a message: at most 40 characters, control characters escaped. */
    public static String shown(String text) {
        return shown(text, 40);
    }

    /** User input shown in a message: at most {@code max} characters, control characters escaped. */
    public static String shown(String text, int max) {
        String s = text.length() > max ? text.substring(0, max) + "…" : text;
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7F) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
