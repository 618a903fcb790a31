package org.drgaudit.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A fault in a DRL file, by file and line (as the compiler reports it). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompileError(String file, Integer line, String message) {
}
