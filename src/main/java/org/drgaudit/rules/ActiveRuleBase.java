package org.drgaudit.rules;

import org.drgaudit.knowledge.KnowledgeSnapshot;

/**
 * The rule base in force: its version number, the compiled rules and the knowledge base they went live with. A sweep
 * holds on to the one it started with, so a publish in the middle changes nothing for it.
 */
public record ActiveRuleBase(int version, CompiledRuleBase compiled, KnowledgeSnapshot knowledge) {
}
