package org.drgaudit.knowledge;

/**
 * Puts a changed knowledge-base folder in use only after the rule base's gate passes with it (its golden cases run
 * against the new tables and parameters). Implemented by the rules context, which owns the gate, so that a parameter
 * change and a rule change pass the same checks.
 */
public interface KnowledgeGate {

    /** Loads the knowledge-base folder through the gate; throws (422) with the reason when it does not pass. */
    KnowledgeSnapshot reloadFolder(String user);
}
