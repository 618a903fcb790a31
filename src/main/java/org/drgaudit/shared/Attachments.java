package org.drgaudit.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Base64;
import java.util.Collection;
import jakarta.ws.rs.core.Response;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Evidence files (an appeal's, a special-case declaration's), received and served the same way. Receiving an uploaded attachment (an appeal's evidence, a special-case declaration's records) within a region's
 * limits: a plain file name, an accepted type, at most the size limit. The body is streamed into a temporary file
 * with its SHA-256 taken on the way, and reading stops as soon as the limit is passed, so an over-limit upload is
 * never held whole, in the heap or on disk. The caller stores the spooled file; the file is deleted afterwards.
 * Serving one names the file exactly (RFC 6266 / 8187) and gives its SHA-256, so what was uploaded can be checked.
 */
public final class Attachments {

    private static final Logger LOG = Logger.getLogger(Attachments.class);

    /** The region's limits ({@code review.attachmentTypes}, {@code review.attachmentMaxMb}). */
    public record Limits(Collection<String> types, int maxMb) {
        long maxBytes() {
            return maxMb * 1024L * 1024L;
        }
    }

    /** A received attachment waiting in a temporary file to be stored. */
    public record Spooled(String fileName, String contentType, Path file, long size, String sha256) {
    }

    /** A stored attachment's row id and time. */
    public record Stored(long id, OffsetDateTime uploadedAt) {
    }

    /** Stores the spooled attachment (e.g. streams it into a database row) and answers what the caller returns. */
    @FunctionalInterface
    public interface Store<T> {
        T store(Spooled attachment) throws IOException;
    }

    private Attachments() {
    }

    /**
     * Checks, spools and hands the attachment to {@code store}.
     *
     * @param owner what the attachment belongs to, for messages ("item 12", "declaration 3")
     * @throws DomainException 400 for a missing or unsafe name, a refused type or an empty body; 413 over the limit
     */
    public static <T> T receive(String fileName, String contentType, Long declaredLength, InputStream body, Limits limits,
                                String owner, Store<T> store) {
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
            throw DomainException.badRequest("Query parameter 'fileName' is required and must be a plain file name.");
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim();
        if (!limits.types().contains(type)) {
            throw DomainException.badRequest("Attachment type '" + type + "' is not accepted; use one of " + limits.types() + ".");
        }
        long max = limits.maxBytes();
        if (declaredLength != null && declaredLength > max) {
            throw tooLarge(fileName, "is " + declaredLength + " bytes", limits);
        }
        Path spool = null;
        try {
            spool = Files.createTempFile("drgaudit-attachment-", ".part");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (OutputStream out = Files.newOutputStream(spool)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                    size += n;
                    if (size > max) {
                        throw tooLarge(fileName, "passed the limit after " + max + " bytes (the rest was not read)", limits);
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (size == 0) {
                throw DomainException.badRequest("Attachment '" + fileName + "' is empty; it must be 1 byte to "
                        + limits.maxMb() + " MB.");
            }
            return store.store(new Spooled(fileName, type, spool, size, HexFormat.of().formatHex(digest.digest())));
        } catch (IOException e) {
            throw new UncheckedIOException("Receiving attachment '" + fileName + "' of " + owner + " failed: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    LOG.warnf("Could not delete the spooled attachment %s: %s", spool, e.getMessage());
                }
            }
        }
    }

    /**
     * Streams a spooled attachment into its owner's attachment table (the tables share the columns {@code file_name,
     * content_type, size_bytes, sha256, content, uploaded_by}). {@code table} and {@code ownerColumn} are the caller's
     * constants, never user input.
     */
    public static Stored insert(DataSource dataSource, String table, String ownerColumn, long ownerId, Spooled a,
                                String user) throws IOException {
        try (Connection c = dataSource.getConnection();
             InputStream content = Files.newInputStream(a.file());
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + ownerColumn
                     + ", file_name, content_type, size_bytes, sha256, content, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?) "
                     + "RETURNING id, uploaded_at")) {
            ps.setLong(1, ownerId);
            ps.setString(2, a.fileName());
            ps.setString(3, a.contentType());
            ps.setLong(4, a.size());
            ps.setString(5, a.sha256());
            ps.setBinaryStream(6, content, a.size());
            ps.setString(7, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Stored(rs.getLong(1), rs.getObject(2, OffsetDateTime.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Storing attachment '" + a.fileName() + "' in " + table + " for " + ownerColumn
                    + " " + ownerId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The download of a stored attachment: its bytes and type, the file name as an ASCII fallback and exactly in UTF-8
     * (so 病程记录.pdf arrives as such), its SHA-256 ({@code X-Content-SHA256} and RFC 9530 {@code Repr-Digest}), never
     * sniffed into another type by the browser.
     */
    public static Response download(byte[] content, String contentType, String fileName, String sha256) {
        return Response.ok(content, contentType)
                .header("Content-Disposition", contentDisposition(fileName))
                .header("X-Content-SHA256", sha256)
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)) + ":")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** An ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 8187). */
    static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_").replace("\\", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static DomainException tooLarge(String fileName, String what, Limits limits) {
        return new DomainException(413, "Attachment too large", "Attachment '" + fileName + "' " + what + "; an attachment "
                + "may have at most " + limits.maxMb() + " MB (review.attachmentMaxMb). Split it or reduce it "
                + "(e.g. scan at a lower resolution) and upload again.");
    }
}
