package org.drgaudit.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to an RFC 9457 problem document ({@code application/problem+json}). */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject
    ObjectMapper json;

    @Context
    UriInfo uri;

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        ObjectNode problem = problem(e.status(), e.title(), e.getMessage());
        if (e.body() != null) {
            problem.setAll((ObjectNode) json.valueToTree(e.body()));
        }
        if (!e.errors().isEmpty() && !problem.has("errors")) {
            problem.set("errors", json.valueToTree(e.errors()));
        }
        return respond(e.status(), problem);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        ObjectNode problem = problem(400, "Invalid request", "The request has invalid fields.");
        var errors = problem.putArray("errors");
        e.getConstraintViolations().forEach(v -> errors.addObject()
                .put("field", v.getPropertyPath().toString())
                .put("message", v.getMessage()));
        return respond(400, problem);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
                return respond(400, jsonProblem(json));
            }
        }
        return respond(status, problem(status, title, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response json(com.fasterxml.jackson.core.JsonProcessingException e) {
        return respond(400, jsonProblem(e));
    }

    /** As specific as Quarkus's own mapper of this exception, which answers a plain JSON without the problem form. */
    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return respond(400, jsonProblem(e));
    }

    @ServerExceptionMapper
    public Response unparsable(com.fasterxml.jackson.core.JsonParseException e) {
        return respond(400, jsonProblem(e));
    }

    /** A body that is not the JSON asked for: where (line, column, field) and what. */
    private ObjectNode jsonProblem(com.fasterxml.jackson.core.JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
        String field = null;
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            field = path.toString();
        } else if (message.startsWith("Duplicate field '")) {
            field = message.substring(17, Math.max(17, message.indexOf('\'', 17)));
        }
        String shortMessage = Months.shown(message, 200);
        ObjectNode problem = problem(400, "Invalid JSON body", "The request body is not the JSON this call takes"
                + (field == null ? "" : " (field '" + field + "')") + ": " + shortMessage);
        ObjectNode error = problem.putArray("errors").addObject();
        if (e.getLocation() != null) {
            error.put("line", e.getLocation().getLineNr()).put("column", e.getLocation().getColumnNr());
        }
        if (field != null) {
            error.put("field", field);
        }
        error.put("message", shortMessage);
        return problem;
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (DatabaseUnavailable.isCause(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            ObjectNode problem = problem(503, "Database unavailable", "The database is not reachable just now (restarting, "
                    + "or the connection was lost); nothing of this request was stored. Try again in a few seconds.");
            return Response.status(503).type(PROBLEM_JSON).header("Retry-After", "5").entity(problem).build();
        }
        String reference = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, reference %s", reference);
        // internal details (SQL, stack) stay in the log; the caller gets a reference to quote
        return respond(500, problem(500, "Internal error", "The service failed unexpectedly ("
                + e.getClass().getSimpleName() + "); the service log has the details under reference " + reference + "."));
    }

    private ObjectNode problem(int status, String title, String detail) {
        ObjectNode problem = json.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (uri != null) {
            problem.put("instance", uri.getPath());
        }
        return problem;
    }

    private static Response respond(int status, ObjectNode problem) {
        return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
    }

    /** A problem document built outside a mapper (filters, other contexts' mappers), with its located faults. */
    public static Response problem(int status, String title, String detail, String instance, List<Map<String, Object>> errors) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        if (errors != null && !errors.isEmpty()) {
            problem.put("errors", errors);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
    }
}
