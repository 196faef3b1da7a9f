package ru.vklad.analytics.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.service.SurveyResult;

/** Polls designated as eNPS/NPS surveys, their options' scores, and the answers from the poll votes. */
@ApplicationScoped
public class Surveys {

    public record Survey(String pollKey, String kind, String title, Map<Long, Integer> scores, String designatedBy) {
    }

    private final Pool pool;

    public Surveys(Pool pool) {
        this.pool = pool;
    }

    /** Designates the poll, or replaces its designation (a corrected score mapping applies to every vote). */
    public Uni<Survey> designate(Survey survey) {
        Long[] options = survey.scores().keySet().toArray(Long[]::new);
        Integer[] scores = survey.scores().values().toArray(Integer[]::new);
        return pool.withTransaction(connection -> connection.preparedQuery("""
                                INSERT INTO survey (poll_key, kind, title, designated_by) VALUES ($1, $2, $3, $4)
                                ON CONFLICT (poll_key) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title,
                                    designated_by = EXCLUDED.designated_by, designated_at = now()""")
                        .execute(Tuple.of(survey.pollKey(), survey.kind(), survey.title(), survey.designatedBy()))
                        .chain(() -> connection.preparedQuery("DELETE FROM survey_option WHERE poll_key = $1")
                                .execute(Tuple.of(survey.pollKey())))
                        .chain(() -> connection.preparedQuery("""
                                        INSERT INTO survey_option (poll_key, option_id, score)
                                        SELECT $1, o, s FROM unnest($2::bigint[], $3::int[]) AS t (o, s)""")
                                .execute(Tuple.of(survey.pollKey(), options, scores))))
                .replaceWith(survey);
    }

    public Uni<Optional<Survey>> find(String pollKey) {
        return pool.preparedQuery("""
                        SELECT s.poll_key, s.kind, s.title, s.designated_by, o.option_id, o.score
                        FROM survey s JOIN survey_option o ON o.poll_key = s.poll_key WHERE s.poll_key = $1
                        ORDER BY o.option_id""")
                .execute(Tuple.of(pollKey))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Map<Long, Integer> scores = new TreeMap<>();
                    Row first = null;
                    for (Row row : rows) {
                        first = first == null ? row : first;
                        scores.put(row.getLong("option_id"), row.getInteger("score"));
                    }
                    return Optional.of(new Survey(first.getString("poll_key"), first.getString("kind"),
                            first.getString("title"), scores, first.getString("designated_by")));
                });
    }

    /** Each respondent's latest answer: their score under the designation, and their department when they voted. */
    public Uni<List<SurveyResult.Answer>> answers(String pollKey) {
        return pool.preparedQuery("""
                        SELECT v.department, o.score FROM poll_vote v
                        JOIN survey_option o ON o.poll_key = v.poll_key AND o.option_id = v.option_id
                        WHERE v.poll_key = $1""")
                .execute(Tuple.of(pollKey))
                .map(rows -> {
                    List<SurveyResult.Answer> answers = new ArrayList<>();
                    rows.forEach(row -> answers.add(new SurveyResult.Answer(row.getString("department"),
                            row.getInteger("score"))));
                    return answers;
                });
    }
}
