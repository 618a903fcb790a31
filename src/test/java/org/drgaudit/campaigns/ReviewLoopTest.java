package org.drgaudit.campaigns;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * The review loop in ordinary use: a hospital accepting a finding, closing a campaign with undecided items,
 * every step's deadline and what is overdue, and review items carrying what the reviewer judges.
 */
@QuarkusTest
class ReviewLoopTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReviewService reviews;

    @Test
    void aHospitalThatAcceptsTheFindingSendsItToTheDecisionWithoutAnAppeal() {
        long campaign = LoopMonth.drawn("12月认可", "\"hospitalCodes\":[\"H006\"],\"randomShare\":0,\"minPerHospital\":0,\"seed\":1");
        long id = LoopMonth.item(campaign, "LOOP-HC01");
        LoopMonth.act("h006", id, "{\"action\":\"ACCEPT\"}").statusCode(409).body("detail", containsString("初审"));
        LoopMonth.toAppeal(id);
        LoopMonth.act("inspector", id, "{\"action\":\"ACCEPT\"}").statusCode(403);
        LoopMonth.act("h007", id, "{\"action\":\"ACCEPT\"}").statusCode(404);
        LoopMonth.act("h006", id, "{\"action\":\"ACCEPT\",\"reason\":\"认可高套分组认定\"}").statusCode(200)
                .body("step", equalTo("DECISION"))
                .body("history.action", contains("CONFIRM", "CONFIRM", "ACCEPT"))
                .body("history[2].actor", equalTo("h006"))
                .body("history[2].actionLabel", equalTo("认可"))
                .body("history[2].stepLabel", equalTo("申诉"));
        LoopMonth.act("inspector", id, "{\"action\":\"INVESTIGATE\",\"reason\":\"x\"}").statusCode(409);
        LoopMonth.act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"医院认可\",\"severity\":\"MINOR\"}").statusCode(200)
                .body("outcome", equalTo("CONFIRMED")).body("outcomeLabel", equalTo("认定违规"))
                .body("history.action", contains("CONFIRM", "CONFIRM", "ACCEPT", "CONFIRM"));
    }

    @Test
    void closingWithUndecidedItemsSaysHowManyAndNeedsConfirmationAndTheItemsStayListed() throws Exception {
        long campaign = LoopMonth.drawn("12月未办结", "\"hospitalCodes\":[\"H006\",\"H007\"],\"randomShare\":0.25,\"minPerHospital\":1,\"seed\":2");
        JsonPath items = LoopMonth.items(campaign);
        int total = items.getList("id").size();
        long decided = items.getLong("[0].id");
        long atAppeal = items.getLong("[1].id");
        LoopMonth.act("inspector", decided, "{\"action\":\"DISMISS\",\"reason\":\"无误\"}").statusCode(200);
        LoopMonth.toAppeal(atAppeal);

        As.inspector().post("/api/campaigns/" + campaign + "/close").then().statusCode(409)
                .contentType("application/problem+json")
                .body("openItems", equalTo(total - 1))
                .body("totalItems", equalTo(total))
                .body("openBySteps.FIRST_REVIEW", equalTo(total - 2))
                .body("openBySteps.APPEAL", equalTo(1))
                .body("detail", containsString((total - 1) + " of " + total))
                .body("detail", containsString("confirmOpen=true"));
        As.inspector().get("/api/campaigns/" + campaign).then().body("status", equalTo("IN_REVIEW"));

        As.inspector().post("/api/campaigns/" + campaign + "/close?confirmOpen=true").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("openItemsAtClose", equalTo(total - 1));
        LoopMonth.items(campaign);
        As.inspector().get("/api/reviews?campaign=" + campaign).then().statusCode(200)
                .body("", hasSize(total))
                .body("findAll { it.step != 'DONE' }", hasSize(total - 1))
                .body("find { it.id == " + atAppeal + " }.step", equalTo("APPEAL"))
                .body("overdue", everyItem(equalTo(false)));
        // the items left open do not move any more, not even an overdue appeal
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE review_item SET deadline = now() - interval '1 day' WHERE id = ?")) {
            ps.setLong(1, atAppeal);
            ps.executeUpdate();
        }
        reviews.closeOverdueAppeals(OffsetDateTime.now());
        String hospital = As.inspector().get("/api/reviews/" + atAppeal).then().body("step", equalTo("APPEAL"))
                .extract().jsonPath().getString("hospitalCode");
        LoopMonth.act(hospital.toLowerCase(), atAppeal, "{\"action\":\"ACCEPT\"}").statusCode(409)
                .body("detail", containsString("closed"));
    }

    @Test
    void everyStepHasItsDeadlineFromTheParametersAndOverdueItemsAreFlaggedAndCountedPerStep() throws Exception {
        long campaign = LoopMonth.drawn("12月期限", "\"hospitalCodes\":[\"H006\",\"H007\"],\"randomShare\":0.25,\"minPerHospital\":1,\"seed\":3");
        JsonPath items = LoopMonth.items(campaign);
        long id = items.getLong("find { it.caseId == 'LOOP-HC01' }.id");
        long late = items.getLong("find { it.hospitalCode == 'H007' }.id");
        // review: firstReviewDays 15, secondReviewDays 10, appealDays 10, decisionDays 10 (demo-2024.yaml)
        assertDeadline(id, 15);
        LoopMonth.act("inspector", id, "{\"action\":\"CONFIRM\",\"reason\":\"初审确认\"}").statusCode(200);
        assertDeadline(id, 10);
        LoopMonth.act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"复审确认\"}").statusCode(200);
        assertDeadline(id, 10);
        LoopMonth.act("h006", id, "{\"action\":\"APPEAL\",\"reason\":\"有病程记录为证\"}").statusCode(200);
        assertDeadline(id, 15);

        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE review_item SET deadline = now() - interval '3 days 1 hour' WHERE id = ?")) {
            ps.setLong(1, late);
            ps.executeUpdate();
        }
        As.inspector().get("/api/reviews/" + late).then().body("overdue", equalTo(true)).body("overdueDays", equalTo(3));
        As.inspector().get("/api/reviews/" + id).then().body("overdue", equalTo(false));
        As.inspector().get("/api/reviews?campaign=" + campaign + "&overdue=true").then().statusCode(200)
                .body("id", contains((int) late));
        As.user("reviewer").get("/api/reviews/overdue?campaign=" + campaign).then().statusCode(200)
                .body("overdue", equalTo(1))
                .body("steps.step", contains("FIRST_REVIEW", "SECOND_REVIEW", "APPEAL", "INVESTIGATION", "DECISION"))
                .body("steps[0].stepLabel", equalTo("初审"))
                .body("steps[0].overdue", equalTo(1))
                .body("steps[0].maxOverdueDays", equalTo(3))
                .body("steps[0].overdueItemIds", contains((int) late))
                .body("steps[3].open", equalTo(1))
                .body("steps[3].overdue", equalTo(0));
        As.user("h006").get("/api/reviews/overdue?campaign=" + campaign).then().statusCode(200).body("overdue", equalTo(0));
        As.user("h007").get("/api/reviews/overdue?campaign=" + campaign).then().statusCode(200).body("overdue", equalTo(1));
        As.user("h007").get("/api/reviews/overdue?hospital=H006").then().statusCode(403);
    }

    private static void assertDeadline(long item, int days) {
        OffsetDateTime deadline = OffsetDateTime.parse(As.inspector().get("/api/reviews/" + item).jsonPath().getString("deadline"));
        Duration off = Duration.between(OffsetDateTime.now().plusDays(days), deadline).abs();
        assertTrue(off.compareTo(Duration.ofMinutes(5)) < 0, "deadline " + deadline + " is " + days + " days from now");
    }

    @Test
    void theItemCarriesItsFindingsAsTheFindingsApiShowsThemAndASummaryOfTheCase() {
        long campaign = LoopMonth.drawn("12月审核要素", "\"hospitalCodes\":[\"H006\"],\"randomShare\":0,\"minPerHospital\":0,\"seed\":4");
        JsonPath list = LoopMonth.items(campaign);
        Map<String, Object> embedded = list.getMap("find { it.caseId == 'LOOP-HC01' }.findings[0]");
        long findingId = ((Number) embedded.get("id")).longValue();
        Map<String, Object> fromFindings = new java.util.HashMap<>(As.inspector().get("/api/findings/" + findingId).jsonPath().getMap(""));
        fromFindings.remove("cases");
        fromFindings.put("reviewStatus", embedded.get("reviewStatus"));
        assertEquals(fromFindings, embedded, "every field of the findings context's view, whatever it holds");
        assertEquals("HC-01", embedded.get("ruleId"));
        assertTrue(((String) embedded.get("explanation")).length() > 10);

        long id = list.getLong("find { it.caseId == 'LOOP-HC01' }.id");
        As.user("h006").get("/api/reviews/" + id).then().statusCode(200)
                .body("findings[0].ruleName", equalTo(embedded.get("ruleName")))
                .body("findings[0].evidence", equalTo(embedded.get("evidence")))
                .body("caseSummary.caseId", equalTo("LOOP-HC01"))
                .body("caseSummary.patientId", equalTo("LOOP-P-HC01"))
                .body("caseSummary.sex", equalTo("M"))
                .body("caseSummary.ageYears", equalTo(68))
                .body("caseSummary.losDays", equalTo(12))
                .body("caseSummary.admissionTime", equalTo("2024-12-04T09:10:00"))
                .body("caseSummary.principalDiagnosis.code", equalTo("I63.900"))
                .body("caseSummary.secondaryDiagnoses.code", contains("I61.900", "E87.600", "I10.x00"))
                .body("caseSummary.grouping.code", equalTo("BR21"))
                .body("caseSummary.totalCost", equalTo(17200.0f))
                .body("caseSummary.fundPayment", equalTo(14620.0f));
    }
}
