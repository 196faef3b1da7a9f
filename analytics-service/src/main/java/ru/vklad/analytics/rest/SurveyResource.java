package ru.vklad.analytics.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.persistence.Surveys;
import ru.vklad.analytics.service.NetPromoterScore;
import ru.vklad.analytics.service.SurveyResult;

@Path("/api/analytics/surveys")
@Tag(name = "eNPS and NPS", description = "VK polls designated as surveys; small groups are not shown, for anonymity")
public class SurveyResource {

    /** A VK poll as {@code <owner id>_<poll id>}, the owner negative for a community. */
    private static final String POLL = "-?\\d+_\\d+";

    private final Surveys surveys;
    private final int minimumRespondents;

    public SurveyResource(Surveys surveys, AnalyticsConfig config) {
        this.surveys = surveys;
        this.minimumRespondents = config.survey().minimumRespondents();
    }

    public record Designation(@Schema(examples = "ENPS") @NotNull @Pattern(regexp = "ENPS|NPS") String kind,
                              @Schema(examples = "eNPS, ноябрь 2026") @NotBlank @Size(max = 200) String title,
                              @NotNull @Size(min = 2, max = 11) List<@Valid @NotNull OptionScore> options) {
    }

    public record OptionScore(@Schema(examples = "3109") @NotNull Long optionId,
                              @Schema(examples = "10") @NotNull @Min(0) @Max(10) Integer score) {
    }

    public record SurveyView(@Schema(examples = "-229000001_880012") String poll,
                             @Schema(examples = "ENPS") String kind,
                             @Schema(examples = "eNPS, ноябрь 2026") String title,
                             @Schema(description = "The score (0–10) of each poll option, by option id",
                                     examples = "{\"3109\": 10, \"3110\": 9, \"3111\": 8, \"3112\": 7, \"3113\": 6, "
                                             + "\"3114\": 5, \"3115\": 4, \"3116\": 3, \"3117\": 2, \"3118\": 1, "
                                             + "\"3119\": 0}") Map<Long, Integer> scores,
                             @Schema(examples = "5") int minimumRespondents, SurveyResult result) {
    }

    public record Comparison(@Schema(examples = "-229000001_861407") String before,
                             @Schema(examples = "-229000001_880012") String after,
                             @Schema(examples = "5") int minimumRespondents, List<SurveyResult.Change> changes) {
    }

    @PUT
    @Path("/{poll}")
    @RolesAllowed("hr-admin")
    @Operation(summary = "Designate a VK poll (owner_poll, e.g. -229000001_880012) as an eNPS or NPS survey",
            description = "Maps each option to a score 0–10. Votes cast before the designation count too.")
    public Uni<SurveyView> designate(@Parameter(example = "-229000001_880012") @PathParam("poll")
                                     @Pattern(regexp = POLL) String poll,
                                     @Valid @NotNull Designation designation, @Context SecurityContext caller) {
        Map<Long, Integer> scores = new TreeMap<>();
        for (OptionScore option : designation.options()) {
            if (scores.put(option.optionId(), option.score()) != null) {
                throw new BadRequestException("options: option " + option.optionId() + " is listed twice");
            }
        }
        return surveys.designate(new Surveys.Survey(pollKey(poll), designation.kind(), designation.title(), scores,
                caller.getUserPrincipal().getName())).chain(survey -> view(poll, survey));
    }

    @GET
    @Path("/{poll}")
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "A survey's score overall and per department (groups below the threshold not shown)")
    public Uni<SurveyView> result(
            @Parameter(example = "-229000001_880012") @PathParam("poll") @Pattern(regexp = POLL) String poll) {
        return survey(poll).chain(survey -> view(poll, survey));
    }

    @GET
    @Path("/{poll}/result.csv")
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "A survey's score overall and per department as CSV (groups not shown have no numbers)")
    public Uni<Response> resultCsv(
            @Parameter(example = "-229000001_880012") @PathParam("poll") @Pattern(regexp = POLL) String poll) {
        return result(survey(poll)).map(result -> {
            Csv csv = new Csv("group", "department", "shown", "respondents", "promoters", "passives", "detractors",
                    "score");
            csv.row(groupRow("overall", result.overall()));
            result.departments().forEach(group -> csv.row(groupRow("department", group)));
            return csv.file("survey_" + poll + ".csv");
        });
    }

    private static List<Object> groupRow(String kind, SurveyResult.Group group) {
        NetPromoterScore nps = group.nps();
        return nps == null ? Arrays.asList(kind, group.department(), false, null, null, null, null, null)
                : Arrays.asList(kind, group.department(), true, nps.respondents(), nps.promoters(), nps.passives(),
                nps.detractors(), nps.score());
    }

    @GET
    @Path("/comparison")
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "The change of the score between two surveys (before and after an initiative)")
    public Uni<Comparison> compare(@Parameter(example = "-229000001_861407") @QueryParam("before") @NotNull
                                   @Pattern(regexp = POLL) String before,
                                   @Parameter(example = "-229000001_880012") @QueryParam("after") @NotNull
                                   @Pattern(regexp = POLL) String after) {
        return result(survey(before)).chain(earlier -> result(survey(after)).map(later -> new Comparison(before, after,
                minimumRespondents, SurveyResult.changes(earlier, later))));
    }

    private Uni<Surveys.Survey> survey(String poll) {
        return surveys.find(pollKey(poll)).map(found -> found
                .orElseThrow(() -> new NotFoundException("poll " + poll + " is not designated as a survey")));
    }

    private Uni<SurveyResult> result(Uni<Surveys.Survey> survey) {
        return survey.chain(s -> surveys.answers(s.pollKey())).map(answers -> SurveyResult.of(answers,
                minimumRespondents));
    }

    private Uni<SurveyView> view(String poll, Surveys.Survey survey) {
        return result(Uni.createFrom().item(survey)).map(result -> new SurveyView(poll, survey.kind(), survey.title(),
                survey.scores(), minimumRespondents, result));
    }

    /** The key poll votes are stored under (the activity's object key). */
    private static String pollKey(String poll) {
        return "poll:" + poll;
    }
}
