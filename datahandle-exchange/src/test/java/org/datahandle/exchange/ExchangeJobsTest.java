package org.datahandle.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.datahandle.Catalog;
import org.datahandle.jobs.Job;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.jobs.JobSpec;
import org.datahandle.jobs.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/jobs}: job events over the wire as NDJSON and server-sent events, and cancel. */
class ExchangeJobsTest {
    @TempDir
    Path dir;
    Catalog catalog;
    JobRegistry jobs;
    ExchangeServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        catalog = ExchangeFixture.catalog(dir);
        jobs = JobRegistry.open(dir.resolve("jobs"));
        server = ExchangeServer.builder(catalog).jobs(jobs).noConnectionFile().start();
    }

    @AfterEach
    void stop() {
        server.close();
        jobs.close();
        catalog.close();
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + server.token()).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eventsAsNdjsonAndServerSentEvents() throws Exception {
        Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "echo one; sleep 0.5; echo two").build());
        // following from the start: the request ends when the job does
        HttpResponse<String> ndjson = get("/v1/jobs/" + job.id() + "/events?follow=1", "application/x-ndjson");
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        String[] lines = ndjson.body().split("\n");
        assertThat(lines[0]).startsWith("{\"seq\":0,");
        assertThat(ndjson.body()).contains("\"text\":\"one\"", "\"text\":\"two\"", "\"state\":\"succeeded\"");
        assertThat(lines[lines.length - 1]).contains("\"type\":\"status\"");

        HttpResponse<String> sse = get("/v1/jobs/" + job.id() + "/stdout", "text/event-stream");
        assertThat(sse.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(sse.body()).matches("(?s)id: \\d+\ndata: \\{.*\"text\":\"one\".*\\}\n\nid: \\d+\ndata: \\{.*\"text\":\"two\".*\\}\n\n");

        HttpResponse<String> from = get("/v1/jobs/" + job.id() + "/events?from=2", "application/x-ndjson");
        assertThat(from.body()).startsWith("{\"seq\":2,");

        HttpResponse<String> list = get("/v1/jobs", "application/json");
        assertThat(list.body()).contains(job.id()).contains("\"state\":\"succeeded\"");
        assertThat(get("/v1/jobs/" + job.id() + "/nonsense", "*/*").statusCode()).isEqualTo(404);
        assertThat(get("/v1/jobs/20990101-000000-abcdef", "*/*").statusCode()).isEqualTo(404);
        assertThat(get("/v1/jobs/" + job.id() + "/events?from=-3", "*/*").statusCode()).isEqualTo(400);
    }

    @Test
    void cancelOverTheWire() throws Exception {
        Job job = jobs.start(catalog, JobSpec.command("sleep", "30").build());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/jobs/" + job.id() + "/cancel"))
                .header("Authorization", "Bearer " + server.token()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(job.await(Duration.ofSeconds(30)).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void aServerWithoutJobsSaysSo() throws Exception {
        try (ExchangeServer plain = ExchangeServer.builder(catalog).noConnectionFile().start()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(plain.url() + "/v1/jobs"))
                    .header("Authorization", "Bearer " + plain.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("no job registry");
        }
    }
}
