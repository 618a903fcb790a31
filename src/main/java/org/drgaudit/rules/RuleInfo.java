package org.drgaudit.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A rule as listed by the API and the catalogue: id, Chinese name, plain sentence and metadata; {@code mode} is the
 * mode in force (shadow, from the DRL's @mode or from rule-settings.yaml); {@code explanation} is the template its
 * findings' explanations are rendered from (none: the rule writes its explanation in its consequence).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleInfo(String id, String name, String sentence, String family, String resultType, String severity,
                       String basis, String since, String until, String mode, String parameters, String file,
                       String explanation) {
}
