package ru.vklad.analytics.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.persistence.CommentReadModel;
import ru.vklad.analytics.service.KeyTopics;
import ru.vklad.analytics.service.Period;
import ru.vklad.analytics.service.ToneShares;

@Path("/api/analytics/comments")
@Tag(name = "Comments", description = "Comment tone and key topics (method: docs/analytics.md)")
public class CommentResource {

    private final CommentReadModel comments;
    private final AnalyticsConfig config;

    public CommentResource(CommentReadModel comments, AnalyticsConfig config) {
        this.comments = comments;
        this.config = config;
    }

    /**
     * @param earlierPeriods how many earlier periods of the same length had comments to rank the topics against
     */
    public record CommentReport(@Schema(examples = "2026-11-16") LocalDate from,
                                @Schema(examples = "2026-11-22") LocalDate to,
                                @Schema(examples = "post:-229000001_1201") String post, ToneShares tone,
                                List<KeyTopics.Topic> topics, @Schema(examples = "4") int earlierPeriods) {
    }

    @GET
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "Tone of the comments and their key topics in a range of days, for all posts or one",
            description = "Topics are Russian word stems ranked by TF-IDF against the same number of days before "
                    + "(vklad.analytics.comments.earlier-periods such periods); a term of fewer than "
                    + "vklad.analytics.comments.topic-min-comments comments is not listed.")
    public Uni<CommentReport> report(@Parameter(example = "2026-11-16") @QueryParam("from") @NotNull LocalDate from,
                                     @Parameter(example = "2026-11-22") @QueryParam("to") @NotNull LocalDate to,
                                     @Parameter(description = "only the comments under this post",
                                             example = "post:-229000001_1201") @QueryParam("post") String post) {
        Period period = Periods.of(from, to);
        AnalyticsConfig.Comments settings = config.comments();
        return Uni.combine().all()
                .unis(comments.tone(period, post), comments.terms(period, post, settings.topicMinComments()),
                        comments.earlierTerms(period, settings.earlierPeriods()))
                .with((tone, terms, earlier) -> {
                    ToneShares shares = ToneShares.of(tone);
                    return new CommentReport(from, to, post, shares, KeyTopics.rank(terms, (int) shares.comments(),
                            earlier, settings.topicMinComments(), settings.topics()), earlier.size());
                });
    }

    /** @param substantive the post's comments in the period that pass the earning rules' substantive test */
    public record PostTone(@Schema(examples = "post:-229000001_1201") String post, ToneShares tone,
                           @Schema(examples = "17") long substantive) {
    }

    @GET
    @Path("/posts")
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "The posts most commented on in a range of days, with the tone of their comments")
    public Uni<List<PostTone>> posts(@Parameter(example = "2026-11-16") @QueryParam("from") @NotNull LocalDate from,
                                     @Parameter(example = "2026-11-22") @QueryParam("to") @NotNull LocalDate to,
                                     @Parameter(example = "20") @QueryParam("limit") @DefaultValue("20") @Min(1)
                                     @Max(100) int limit) {
        return comments.posts(Periods.of(from, to), limit).map(posts -> posts.stream()
                .map(post -> new PostTone(post.postKey(), ToneShares.of(post.positive(), post.neutral(),
                        post.negative()), post.substantive()))
                .toList());
    }

    @GET
    @Path("/texts")
    @RolesAllowed("hr-admin")
    @Operation(summary = "The comment texts still kept under one post, newest first, without their authors",
            description = "Texts are kept only for vklad.analytics.comments.keep-text (default 30 days), only of "
                    + "members who have not withdrawn consent, and appear in no export.")
    public Uni<List<CommentReadModel.KeptComment>> texts(
            @Parameter(example = "post:-229000001_1201") @QueryParam("post") @NotBlank String post,
            @Parameter(example = "50") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return comments.keptTexts(post, limit);
    }
}
