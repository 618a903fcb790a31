package org.drgaudit.rules.facts;

import org.drgaudit.cases.SettledCase;
import org.drgaudit.knowledge.grouper.GroupingCase;

/** Test access to how the rules' fact factory hands a settlement list to the grouper. */
public final class AuditCaseFactoryAccess {

    private AuditCaseFactoryAccess() {
    }

    public static GroupingCase groupingCase(SettledCase c) {
        return AuditCaseFactory.groupingCase(c);
    }
}
