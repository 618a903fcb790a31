package org.drgaudit.knowledge;

/** Fired (CDI event) whenever a knowledge-base version becomes the one in use. */
public record KnowledgeLoaded(KnowledgeSnapshot snapshot) {
}
