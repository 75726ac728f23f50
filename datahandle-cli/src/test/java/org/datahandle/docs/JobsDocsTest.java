package org.datahandle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datahandle.jobs.JobEvent;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.jobs.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/jobs.md: its examples run against the workflow it shows. */
class JobsDocsTest {
    @TempDir
    Path dir;

    @Test
    void theJobsPageExamplesRunAsDocumented() throws Exception {
        Path workflow = Files.writeString(dir.resolve("workflow.yaml"), DocPages.block("jobs.md", "yaml", 1));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/samples.csv"), "sample_id,population,depth,passed_qc\n"
                + "S1,EUR,31.5,true\nS2,AFR,28.0,false\nS3,EUR,35.25,true\n");

        String printed = DocsSnippetsTest.captureOut(() -> assertThat(JobsExamples.succeeded(JobsExamples.keepDeepSamples(workflow))).isTrue());
        assertThat(Files.readAllLines(dir.resolve("out/deep_samples.csv")))
                .containsExactly("sample_id,population,depth,passed_qc", "S1,EUR,31.5,true", "S3,EUR,35.25,true");
        Matcher m = Pattern.compile("job (\\S+)").matcher(printed);
        assertThat(m.find()).isTrue();
        String id = m.group(1);
        assertThat(printed).contains("\"type\":\"stdout\",\"text\":\"kept\"", "\"state\":\"succeeded\"");
        assertThat(dir.resolve(".datahandle/jobs").resolve(id).resolve("job.json")).exists();

        assertThat(JobsExamples.stdoutOf(workflow, id)).containsExactly("kept");

        List<JobEvent> got = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        JobsExamples.watchStatus(JobRegistry.forWorkflow(workflow).log(id), new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(JobEvent item) {
                got.add(item);
            }

            @Override
            public void onError(Throwable t) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(got).extracting(e -> ((JobEvent.Status) e).status().state())
                .containsExactly(JobState.PENDING, JobState.RUNNING, JobState.SUCCEEDED);

        assertThat(JobsExamples.removeOldJobs(workflow, id, java.time.Duration.ofDays(7))).isEmpty();
        assertThat(dir.resolve(".datahandle/jobs").resolve(id)).doesNotExist();
        try (JobRegistry kept = JobsExamples.keepingAWeek(workflow)) {
            assertThat(kept.list()).isEmpty();
        }
    }
}
