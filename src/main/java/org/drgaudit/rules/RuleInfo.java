package org.drgaudit.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A rule as listed by the API and the catalogue: id, Chinese name, plain sentence and metadata. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleInfo(String id, String name, String sentence, String family, String resultType, String severity,
                       String basis, String since, String until, String mode, String parameters, String file) {
}
