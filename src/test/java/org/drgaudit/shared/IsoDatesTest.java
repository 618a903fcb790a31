package org.drgaudit.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class IsoDatesTest {

    @Test
    void theStoredFormsAreReadExactlyAsJavaTimeReadsThem() {
        for (String s : new String[] {"2024-03-05T08:30", "2024-03-05T08:30:07", "1999-12-31T23:59:59"}) {
            assertEquals(LocalDateTime.parse(s), IsoDates.dateTime(s));
        }
        assertEquals(LocalDate.parse("2024-02-29"), IsoDates.date("2024-02-29"));
    }

    @Test
    void otherFormsFallBackToJavaTimeAndInvalidDatesStillFail() {
        assertEquals(LocalDateTime.parse("2024-03-05T08:30:07.250"), IsoDates.dateTime("2024-03-05T08:30:07.250"));
        assertThrows(java.time.DateTimeException.class, () -> IsoDates.date("2023-02-29"));
        assertThrows(DateTimeParseException.class, () -> IsoDates.dateTime("2024-03-05 08:30"));
    }
}
