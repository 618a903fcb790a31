package org.drgaudit.shared;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Turns away, before any resource runs, requests no resource can answer sensibly: a NUL or other control
 * character, or bytes that are not UTF-8, in the path or a query parameter (PostgreSQL refuses NUL in a
 * parameter, so these ended as 500s), and an {@code Authorization: Basic} header that is not base64 (401, as any
 * other failed login).
 */
public class RequestGuard {

    @ServerRequestFilter(preMatching = true)
    public Response guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(true);
        String fault = fault(path);
        if (fault != null) {
            return problem(400, "Bad request", "The path " + fault + "; remove it from the URL.",
                    List.of(Map.<String, Object>of("field", "path", "message", fault)), request);
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters(true);
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String nameFault = fault(e.getKey());
            if (nameFault != null) {
                return problem(400, "Bad request", "A query parameter's name " + nameFault + ".",
                        List.of(Map.<String, Object>of("field", Months.shown(e.getKey()), "message", nameFault)), request);
            }
            for (String value : e.getValue()) {
                String valueFault = fault(value);
                if (valueFault != null) {
                    return problem(400, "Bad request", "Query parameter '" + e.getKey() + "' " + valueFault + "; remove it.",
                            List.of(Map.<String, Object>of("field", e.getKey(), "message", valueFault)), request);
                }
            }
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String credentials = authorization.substring(6).trim();
            try {
                String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                if (decoded.indexOf(':') < 0) {
                    return unauthorized(request, "The Authorization header's credentials have no ':' between user name and password.");
                }
            } catch (IllegalArgumentException e) {
                return unauthorized(request, "The Authorization header is not valid HTTP Basic: after 'Basic ' comes "
                        + "base64 of user:password.");
            }
        }
        return null;
    }

    /** What is wrong with a decoded path or parameter, or null. */
    static String fault(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character (%00)";
            }
            if (c < 0x20 || c == 0x7F) {
                return "contains the control character U+" + String.format("%04X", (int) c);
            }
            if (c == '\uFFFD') {
                return "contains percent-encoded bytes that are not UTF-8";
            }
        }
        return null;
    }

    private static Response unauthorized(ContainerRequestContext request, String detail) {
        Response r = problem(401, "Unauthorized", detail, List.of(), request);
        return Response.fromResponse(r).header("WWW-Authenticate", "Basic realm=\"DRG Audit\"").build();
    }

    private static Response problem(int status, String title, String detail, List<Map<String, Object>> errors,
                                    ContainerRequestContext request) {
        return ProblemMapper.problem(status, title, detail, request.getUriInfo().getPath(), errors);
    }
}
