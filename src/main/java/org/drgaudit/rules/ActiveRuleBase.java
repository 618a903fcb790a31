package org.drgaudit.rules;

/** The rule base in force: its version number and the compiled rules. A sweep holds on to the one it started with. */
public record ActiveRuleBase(int version, CompiledRuleBase compiled) {
}
