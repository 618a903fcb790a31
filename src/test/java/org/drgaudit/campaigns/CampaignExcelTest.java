package org.drgaudit.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drgaudit.As;
import org.drgaudit.shared.ExcelWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The campaign workbook as a hospital reads it: Chinese labels instead of codes, local times of the region,
 * rule names and explanations instead of finding ids, money formatted as money; and a 40,000-character appeal
 * reason cut at Excel's cell limit with a visible marker while the API keeps every character.
 */
@QuarkusTest
class CampaignExcelTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void theWorkbookShowsLabelsLocalTimesRuleNamesAndMoneyAndCutsAnOverlongReasonVisibly() throws Exception {
        long campaign = LoopMonth.drawn("12月导出", "\"hospitalCodes\":[\"H006\"],\"randomShare\":0.25,\"minPerHospital\":1,\"seed\":31");
        JsonPath items = LoopMonth.items(campaign);
        long violation = items.getLong("find { it.caseId == 'LOOP-HC01' }.id");
        LoopMonth.toAppeal(violation);
        String reason = "申诉理由：" + "患者住院期间新发脑出血，病程记录与影像检查可证。".repeat(1700);
        assertTrue(reason.length() > 40_000);
        LoopMonth.act("h006", violation, "{\"action\":\"APPEAL\",\"reason\":\"" + reason + "\"}").statusCode(200);
        JsonPath item = As.inspector().get("/api/reviews/" + violation).jsonPath();
        assertEquals(reason, item.getString("history[2].reason"), "the API keeps the whole reason");

        byte[] bytes = As.inspector().accept(XLSX).get("/api/campaigns/" + campaign + "/export").then().statusCode(200)
                .extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertEquals(List.of("专项抽查", "审核结论", "审核记录", "结果", "疑点明细"), sheetNames(wb));
            assertEquals("审核中", value(wb.getSheet("专项抽查"), "状态"));

            Sheet decisions = wb.getSheet("审核结论");
            Row row = rowOf(decisions, 0, (double) violation);
            assertEquals("明确违规疑点", row.getCell(3).getStringCellValue());
            Map<String, Object> finding = item.getMap("findings[0]");
            assertEquals("HC-01 " + finding.get("ruleName"), row.getCell(4).getStringCellValue());
            assertEquals(finding.get("explanation"), row.getCell(5).getStringCellValue());
            assertEquals(CellType.NUMERIC, row.getCell(6).getCellType());
            assertEquals("#,##0.00", row.getCell(6).getCellStyle().getDataFormatString());
            assertEquals(((Number) finding.get("amountAtStake")).doubleValue(), row.getCell(6).getNumericCellValue(), 0.005);
            assertEquals("调查核实", row.getCell(7).getStringCellValue());
            assertEquals(OffsetDateTime.parse(item.getString("deadline")).atZoneSameInstant(ZoneId.of("Asia/Shanghai"))
                    .toLocalDateTime().withNano(0), row.getCell(8).getLocalDateTimeCellValue().withNano(0));
            List<String> reasons = new ArrayList<>();
            for (Row r : decisions) {
                reasons.add(r.getCell(3) == null ? "" : r.getCell(3).getStringCellValue());
            }
            assertTrue(reasons.contains("随机抽取"), reasons.toString());

            Sheet history = wb.getSheet("审核记录");
            Row appeal = null;
            for (Row r : history) {
                if (r.getRowNum() > 0 && r.getCell(0).getNumericCellValue() == violation && "申诉".equals(r.getCell(3).getStringCellValue())) {
                    appeal = r;
                }
            }
            assertTrue(appeal != null, "the appeal is listed with its action's label");
            assertEquals("申诉", appeal.getCell(2).getStringCellValue());
            assertEquals(OffsetDateTime.parse(item.getString("history[2].at")).atZoneSameInstant(ZoneId.of("Asia/Shanghai"))
                    .toLocalDateTime().withNano(0), appeal.getCell(5).getLocalDateTimeCellValue().withNano(0));
            String cut = appeal.getCell(6).getStringCellValue();
            assertEquals(ExcelWorkbook.MAX_CELL_TEXT, cut.length());
            assertTrue(cut.startsWith(reason.substring(0, 1000)));
            assertTrue(cut.endsWith("全文共 " + reason.length() + " 字符，超出 Excel 单元格上限 32767，全文见系统接口】"), cut.substring(cut.length() - 80));

            Sheet findings = wb.getSheet("疑点明细");
            Row f = rowOf(findings, 0, (double) violation);
            assertEquals("HC-01", f.getCell(3).getStringCellValue());
            assertEquals("高套分组", f.getCell(5).getStringCellValue());
            assertEquals("明确违规", f.getCell(6).getStringCellValue());
        }
    }

    private static List<String> sheetNames(XSSFWorkbook wb) {
        List<String> names = new ArrayList<>();
        wb.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    private static String value(Sheet sheet, String label) {
        for (Row r : sheet) {
            if (label.equals(r.getCell(0).getStringCellValue())) {
                return r.getCell(1).getStringCellValue();
            }
        }
        throw new AssertionError(label);
    }

    private static Row rowOf(Sheet sheet, int column, double id) {
        for (Row r : sheet) {
            if (r.getRowNum() > 0 && r.getCell(column).getNumericCellValue() == id) {
                return r;
            }
        }
        throw new AssertionError("no row for " + id + " in " + sheet.getSheetName());
    }
}
