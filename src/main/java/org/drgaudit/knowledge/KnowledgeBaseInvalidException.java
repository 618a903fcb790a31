package org.drgaudit.knowledge;

import java.util.List;
import org.drgaudit.shared.DomainException;

/** The knowledge-base files do not load; the version in use stays in use. */
public class KnowledgeBaseInvalidException extends DomainException {

    public KnowledgeBaseInvalidException(List<KnowledgeError> errors) {
        super(422, "Knowledge base invalid",
                "The knowledge-base files have " + errors.size() + " error(s); the current version stays active. First: "
                        + errors.get(0).file() + (errors.get(0).line() == null ? "" : ":" + errors.get(0).line())
                        + ": " + errors.get(0).message(),
                errors, null);
    }
}
