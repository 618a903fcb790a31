package org.drgaudit.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A fault in a knowledge-base file, located by file (relative to the knowledge directory) and line. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KnowledgeError(String file, Long line, String message) {
}
