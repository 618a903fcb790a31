package org.drgaudit.knowledge.grouper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionParserTest {

    private static final Map<String, Set<String>> LISTS = Map.of(
            "adrg_zd", Set.of("I63.900", "I63.300"),
            "adrg_ss", Set.of("51.2300"),
            "adrg_ss1", Set.of("31.1x00x005"),
            "SS_VALID", Set.of("51.2300", "31.1x00x005", "96.7201"));

    private static boolean eval(String condition, GroupingCase c) {
        return ConditionParser.parse(condition, LISTS::get).test(new GroupingContext(c));
    }

    private static GroupingCase adult(String principal, List<String> procedures, String sex) {
        return new GroupingCase(principal, List.of(), procedures, sex, 60, null, null, null, null);
    }

    @Test
    void nationalTableShapes() {
        GroupingCase c = adult("I63.900", List.of("51.2300", "96.7201"), "M");
        assertTrue(eval("true && contains(adrg_zd,zdList[0])", c));
        assertTrue(eval("true && ssList!=null && ssList.length>0 && contains(adrg_ss,ssList[0])", c));
        assertTrue(eval("true && contains(mdc, zdList[0]) || true".replace("mdc", "adrg_zd"), c));
        assertTrue(eval("gender!=null && gender.equals(\"1\")", c));
        assertFalse(eval("gender!=null && gender.equals(\"2\")", c));
        assertTrue(eval("intersect(ssList,SS_VALID) && !intersect(ssList,adrg_ss1)", c));
        assertFalse(eval("true && !intersect(ssList,SS_VALID)", c));
        assertTrue(eval("intersect(SS_VALID,ssList)", c));
        assertFalse(eval("age==0", c));
        assertFalse(eval("ageDay<=28", c));
    }

    @Test
    void precedenceAndParentheses() {
        GroupingCase c = adult("X", List.of("31.1x00x005"), "F");
        assertTrue(eval("false && true || true", c), "&& binds tighter than ||");
        assertFalse(eval("false && (true || true)", c));
        assertFalse(eval("contains(adrg_ss,ssList[0]) || contains(adrg_ss1,ssList[0]) && intersect(ssList,adrg_ss)", c),
                "a tracheotomy alone does not satisfy the ventilation clause");
        assertTrue(eval("!(age<18) && !!true", c));
    }

    @Test
    void newbornWeightAndMissingValues() {
        GroupingCase newborn = new GroupingCase("P07.100", List.of(), List.of(), "F", 0, 3, 1400, null, null);
        assertTrue(eval("age==0 && ageDay<=28 && weight>0 && weight<1500", newborn));
        assertFalse(eval("weight>=1500", newborn));
        GroupingCase unknown = new GroupingCase("X", List.of(), List.of(), null, null, null, null, null, null);
        assertFalse(eval("age==0", unknown), "an unknown age satisfies no comparison");
        assertFalse(eval("gender!=null && gender.equals(\"1\")", unknown));
        assertTrue(eval("gender==null", unknown));
        assertFalse(eval("ssList.length>0 && contains(adrg_ss,ssList[0])", unknown), "no procedures: index 0 is absent, not an error");
        assertFalse(eval("weight>0", unknown));
        assertFalse(eval("age!=0", unknown), "an unknown age is not 'not 0' either");
        GroupingCase infantWithoutDays = new GroupingCase("P59.901", List.of(), List.of(), "F", 0, null, null, null, null);
        assertFalse(eval("ageDay<=28", infantWithoutDays), "an infant without age in days is not taken for a neonate");
        GroupingCase onlyDays = new GroupingCase("P59.901", List.of(), List.of(), "F", null, 12, 3100, null, null);
        assertTrue(eval("age==0 && ageDay<=28", onlyDays), "age in days alone makes an infant");
    }

    @Test
    void ventilationHoursAndSplitFlags() {
        GroupingCase c = new GroupingCase("J96.000", List.of(), List.of("96.7201"), "M", 70, null, null, new BigDecimal("95.5"), null);
        assertFalse(eval("ventHours>=96", c));
        assertTrue(eval("ventHours>=95.5", c));
        GroupingContext ctx = new GroupingContext(c);
        ctx.hasCc = true;
        assertTrue(ConditionParser.parse("(HAS_MCC || HAS_CC)", LISTS::get).test(ctx));
        assertFalse(ConditionParser.parse("HAS_MCC", LISTS::get).test(ctx));
    }

    @Test
    void recordsTheCodesThatMatched() {
        GroupingContext ctx = new GroupingContext(adult("I63.300", List.of("51.2300", "96.7201"), "M"));
        assertTrue(ConditionParser.parse("contains(adrg_zd,zdList[0]) && intersect(ssList,SS_VALID)", LISTS::get).test(ctx));
        assertEquals(List.of("adrg_zd:I63.300", "SS_VALID:51.2300", "SS_VALID:96.7201"), ctx.takeMatches());
    }

    @Test
    void otherDiagnosesAreTheSecondaryOnes() {
        GroupingCase c = new GroupingCase("I63.900", List.of("J96.000", "I63.300"), List.of(), "M", 60, null, null, null, null);
        assertTrue(eval("intersect(otherZdList,adrg_zd)", c), "I63.300 is a secondary diagnosis on the list");
        GroupingCase principalOnly = new GroupingCase("I63.900", List.of("J96.000"), List.of(), "M", 60, null, null, null, null);
        assertFalse(eval("intersect(otherZdList,adrg_zd)", principalOnly), "the principal is not an other diagnosis");
        assertTrue(eval("intersect(zdList,adrg_zd)", principalOnly));
        assertTrue(eval("otherZdList.length==1 && otherZdList[0]==\"J96.000\"", principalOnly));
    }

    @Test
    void countTellsHowManyConditionsHoldAndRecordsEveryMatch() {
        Map<String, Set<String>> sites = Map.of("head", Set.of("S06.500"), "leg", Set.of("S72.000"), "arm", Set.of("S42.000"));
        GroupingCase twoSites = new GroupingCase("S06.500", List.of("S72.000"), List.of(), "M", 40, null, null, null, null);
        GroupingContext ctx = new GroupingContext(twoSites);
        EntryCondition atLeastTwo = ConditionParser.parse(
                "count(intersect(zdList,head),intersect(zdList,leg),intersect(zdList,arm))>=2", sites::get);
        assertTrue(atLeastTwo.test(ctx));
        assertEquals(List.of("head:S06.500", "leg:S72.000"), ctx.takeMatches());
        GroupingCase oneSite = new GroupingCase("S06.500", List.of("S06.500"), List.of(), "M", 40, null, null, null, null);
        assertFalse(atLeastTwo.test(new GroupingContext(oneSite)), "the same site twice is one site");
        assertTrue(ConditionParser.parse("count(true,false,true)==2", sites::get).test(new GroupingContext(oneSite)));
    }

    @Test
    void guardsSayWhatTheConditionRequiresOfThePrincipalCodes() {
        Guard dx = ConditionParser.parse("true && contains(adrg_zd,zdList[0]) && intersect(ssList,SS_VALID)", LISTS::get).guard();
        assertEquals(new Guard(Guard.Kind.PRINCIPAL_DIAGNOSIS, LISTS.get("adrg_zd")), dx);
        Guard narrowest = ConditionParser.parse("contains(SS_VALID,ssList[0]) && contains(adrg_ss,ssList[0])", LISTS::get).guard();
        assertEquals(Set.of("51.2300"), narrowest.codes(), "a conjunction keeps its narrowest part's guard");
        Guard union = ConditionParser.parse("contains(adrg_ss,ssList[0]) || (contains(adrg_ss1,ssList[0]) && age>1)", LISTS::get).guard();
        assertEquals(new Guard(Guard.Kind.PRINCIPAL_PROCEDURE, Set.of("51.2300", "31.1x00x005")), union);
        assertEquals(null, ConditionParser.parse("contains(adrg_zd,zdList[0]) || contains(adrg_ss,ssList[0])", LISTS::get).guard(),
                "a disjunction over both kinds requires neither");
        assertEquals(null, ConditionParser.parse("!contains(adrg_zd,zdList[0])", LISTS::get).guard());
        assertEquals(null, ConditionParser.parse("intersect(zdList,adrg_zd)", LISTS::get).guard(), "any diagnosis, not the principal");
        assertEquals(null, ConditionParser.parse("contains(adrg_zd,otherZdList[0])", LISTS::get).guard());
    }

    @Test
    void rejectsWhatIsNotACondition() {
        assertColumn("contains(adrg_zd,zdList[0]) &&", 31, "expected a name");
        assertColumn("contains(unknown_list,zdList[0])", 10, "unknown name 'unknown_list'");
        assertColumn("age", 1, "expected a condition");
        assertColumn("age > \"1\"", 5, "compares numbers only");
        assertColumn("gender == 1", 11, "cannot compare");
        assertColumn("System.exit(0)", 1, "unknown name 'System'");
        assertColumn("zdList.getClass()", 8, "only .equals");
        assertColumn("contains(zdList,zdList[0])", 10, "code list first");
        assertColumn("intersect(adrg_zd,SS_VALID)", 11, "zdList, otherZdList or ssList");
        assertColumn("count(age)>=1", 7, "expected a condition");
        assertColumn("count >= 1", 1, "in parentheses");
        assertColumn("age == 0 ; true", 10, "unexpected character ';'");
        assertColumn("(age == 0", 10, "expected ')'");
        assertColumn("\"open", 1, "unterminated");
        assertColumn("contains(adrg_zd,zdList[99999999999])", 25, "too large");
        assertThrows(ConditionSyntaxException.class, () -> ConditionParser.parse(" ", LISTS::get));
    }

    private static void assertColumn(String condition, int column, String fragment) {
        ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class, () -> ConditionParser.parse(condition, LISTS::get),
                condition);
        assertTrue(e.getMessage().contains(fragment), condition + " → " + e.getMessage());
        assertEquals(column, e.column(), condition + " → " + e.getMessage());
    }
}
