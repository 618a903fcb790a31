package org.drgaudit.cases;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One fault of an import file: the line (1-based), the field path and what is wrong. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportError(long line, String field, String message) {
}
