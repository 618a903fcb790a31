package org.drgaudit.campaigns;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import org.drgaudit.As;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.security.Roles;
import org.drgaudit.shared.DomainException;
import org.junit.jupiter.api.Test;

/**
 * Appeal evidence: attachments listed and downloaded as uploaded (type, name, SHA-256), scoped like the review
 * item, every download audited; and an over-limit upload refused while it streams in, never held whole.
 */
@QuarkusTest
class AppealEvidenceTest {

    private static final long MB = 1024 * 1024;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReviewService reviews;

    @TestHTTPResource("/")
    URL base;

    private static long appealItem(int seed) {
        long campaign = LoopMonth.drawn("12月申诉材料" + seed, "\"hospitalCodes\":[\"H006\"],\"randomShare\":0,\"minPerHospital\":0,\"seed\":" + seed);
        long id = LoopMonth.item(campaign, "LOOP-HC01");
        LoopMonth.toAppeal(id);
        return id;
    }

    @Test
    void attachmentsAreListedAndDownloadedAsUploadedByWhoMaySeeTheItemAndEveryDownloadIsAudited() throws Exception {
        long id = appealItem(21);
        byte[] pdf = "%PDF-1.4 病程记录：脑出血为本次住院新发".getBytes(StandardCharsets.UTF_8);
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        long first = As.user("h006").contentType("application/pdf").body(pdf)
                .post("/api/reviews/" + id + "/attachments?fileName=病程记录.pdf").then().statusCode(200)
                .extract().jsonPath().getLong("id");
        long second = As.user("h006").contentType("image/png").body(png)
                .post("/api/reviews/" + id + "/attachments?fileName=ct.png").then().statusCode(200)
                .extract().jsonPath().getLong("id");

        for (String user : new String[] {"h006", "inspector", "reviewer"}) {
            As.user(user).get("/api/reviews/" + id + "/attachments").then().statusCode(200)
                    .body("id", contains((int) first, (int) second))
                    .body("fileName", contains("病程记录.pdf", "ct.png"))
                    .body("contentType", contains("application/pdf", "image/png"))
                    .body("sizeBytes", contains(pdf.length, png.length))
                    .body("sha256", contains(sha256(pdf), sha256(png)))
                    .body("uploadedBy", contains("h006", "h006"));
        }
        Response download = As.user("reviewer").get("/api/reviews/" + id + "/attachments/" + first);
        download.then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", containsString("filename*=UTF-8''%E7%97%85%E7%A8%8B%E8%AE%B0%E5%BD%95.pdf"))
                .header("X-Content-SHA256", equalTo(sha256(pdf)))
                .header("Repr-Digest", equalTo("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(pdf))) + ":"));
        assertArrayEquals(pdf, download.asByteArray());
        assertArrayEquals(png, As.user("h006").get("/api/reviews/" + id + "/attachments/" + second).then().statusCode(200)
                .contentType("image/png").extract().asByteArray());

        // another hospital sees neither the list nor a file: 404, as if the item did not exist
        As.user("h007").get("/api/reviews/" + id + "/attachments").then().statusCode(404);
        As.user("h007").get("/api/reviews/" + id + "/attachments/" + first).then().statusCode(404);
        // an attachment is reached only through its own item
        long other = appealItem(22);
        As.user("inspector").get("/api/reviews/" + other + "/attachments/" + first).then().statusCode(404);
        As.user("inspector").get("/api/reviews/" + id).then().body("attachments.fileName", contains("病程记录.pdf", "ct.png"));

        assertEquals(2, downloads(id, "reviewer") + downloads(id, "h006"));
        assertEquals(0, downloads(id, "h007"), "a refused download is not recorded as one");
    }

    private long downloads(long item, String user) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT count(*) FROM audit_log WHERE action = 'review.attachment.download' AND target = ? AND username = ?""")) {
            ps.setString(1, "review item " + item);
            ps.setString(2, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aFiftyMegabyteUploadAgainstTheTenMegabyteLimitIsRefusedWhileItStreamsIn() throws Exception {
        long id = appealItem(23);
        long[] workers = serverThreads();
        long before = allocated(workers);
        HttpRequest upload = HttpRequest.newBuilder(URI.create(base + "api/reviews/" + id + "/attachments?fileName=scan.pdf"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("h006:h006".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/pdf")
                // streamed without a Content-Length, so that only the streaming check can refuse it
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(50 * MB)))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(upload, HttpResponse.BodyHandlers.ofString());
        long allocatedMb = (allocated(serverThreads()) - before) / MB;
        assertEquals(413, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("10 MB"), answer.body());
        // holding the 50 MB upload would allocate at least 50 MB on the worker that runs the resource; streaming needs
        // its buffers for the 10 MB read before the refusal (the event loop's short-lived network chunks do not count)
        assertTrue(allocatedMb < 35, "the request's worker allocated " + allocatedMb + " MB for a refused 50 MB upload");
        As.user("h006").get("/api/reviews/" + id + "/attachments").then().statusCode(200).body("", org.hamcrest.Matchers.empty());
        // a declared Content-Length over the limit is refused before any byte is read
        As.user("h006").contentType("application/pdf").body(new byte[(int) (10 * MB + 1)])
                .post("/api/reviews/" + id + "/attachments?fileName=big.pdf").then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void theServiceStopsReadingAnUploadOnceItPassesTheLimit() {
        long id = appealItem(24);
        Filler body = new Filler(50 * MB);
        DomainException refused = assertThrows(DomainException.class,
                () -> reviews.attach(id, "scan.pdf", "application/pdf", null, body, hospitalUser("H006")));
        assertEquals(413, refused.status());
        assertTrue(body.served <= 10 * MB + 64 * 1024, "read " + body.served + " bytes of the 50 MB upload");
    }

    /** A body of the given size generated as it is read, counting what was read. */
    private static final class Filler extends InputStream {
        private final long size;
        long served;

        Filler(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return served < size ? (int) (served++ & 0x7f) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - served);
            java.util.Arrays.fill(b, off, off + n, (byte) '%');
            served += n;
            return n;
        }
    }

    private static CurrentUser hospitalUser(String hospital) {
        return new CurrentUser() {
            @Override
            public String username() {
                return hospital.toLowerCase();
            }

            @Override
            public boolean hasRole(String role) {
                return Roles.HOSPITAL.equals(role);
            }

            @Override
            public boolean isHospitalUser() {
                return true;
            }

            @Override
            public String hospitalCode() {
                return hospital;
            }
        };
    }

    /** The worker pool that runs blocking resource methods. */
    private static long[] serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("executor-thread"))
                .mapToLong(Thread::getId).toArray();
    }

    private static long allocated(long[] threads) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return java.util.Arrays.stream(bean.getThreadAllocatedBytes(threads)).filter(b -> b > 0).sum();
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
