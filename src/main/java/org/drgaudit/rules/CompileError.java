package org.drgaudit.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A fault in a rule-base file, by file, line and column (1-based), as the compiler reports it or as found in the
 * file when the compiler gives no position (the executable model's errors in generated code).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompileError(String file, Integer line, Integer column, String message) {

    public CompileError(String file, Integer line, String message) {
        this(file, line, null, message);
    }

    /** "mismatch.drl:12:7" */
    public String where() {
        return (file == null ? "(unknown file)" : file) + (line == null ? "" : ":" + line + (column == null ? "" : ":" + column));
    }

    /** The same fault with its file named by its full path in a version (e.g. rules/mismatch.drl). */
    CompileError inArea(String area) {
        return file == null || file.startsWith(area + "/") ? this : new CompileError(area + "/" + file, line, column, message);
    }
}
