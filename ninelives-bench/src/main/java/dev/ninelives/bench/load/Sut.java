package dev.ninelives.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A system under test, started as its own process pinned to one core: nginx, the Portkey
 * gateway, NineLives — or nothing at all ({@code direct}: the load goes straight to the mock).
 * Knows where to send requests, with which headers and model names, and stops its process (and
 * only its process) by PID.
 */
final class Sut implements AutoCloseable {
  enum Kind { DIRECT, NGINX, PORTKEY, NINELIVES }

  /** Where things are and how to start them. */
  record Setup(Path workDir, int mockPort, int[] failPorts, int[] refusedPorts, int nginxPort,
      int portkeyPort, int nineLivesPort, int sutCpu, String javaBin, List<String> javaOpts,
      Path nineLivesJar, Path portkeyDir, Path loopbackPreload) {
  }

  final Kind kind;
  final Configs.Failure failure;
  final InetSocketAddress address;
  final String path;
  final Map<String, String> headers;
  private final Process process;
  final Path log;
  /** Milliseconds from starting the process to its first answered request; -1 for direct. */
  double startMillis = -1;

  private Sut(Kind kind, Configs.Failure failure, int port, String path,
      Map<String, String> headers, Process process, Path log) {
    this.kind = kind;
    this.failure = failure;
    this.address = new InetSocketAddress("127.0.0.1", port);
    this.path = path;
    this.headers = headers;
    this.process = process;
    this.log = log;
  }

  /** The name in reports: {@code nginx}, {@code ninelives refused}, ... */
  String name() {
    String base = kind.name().toLowerCase(java.util.Locale.ROOT);
    return failure == Configs.Failure.NONE ? base : base + " " + failure.label;
  }

  static String name(Kind kind, Configs.Failure failure) {
    String base = kind.name().toLowerCase(java.util.Locale.ROOT);
    return failure == Configs.Failure.NONE ? base : base + " " + failure.label;
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  boolean alive() {
    return process == null || process.isAlive();
  }

  /** The model name this system must be sent: an alias for NineLives, the mock's otherwise. */
  String model(boolean paced) {
    if (kind == Kind.NINELIVES) {
      return paced ? "chat-paced" : "chat";
    }
    return paced ? "mock-d1" : "mock";
  }

  String body(boolean stream, boolean paced) {
    return Configs.body(model(paced), stream);
  }

  /** Starts a system and waits for its first answered request (up to 60 s). */
  static Sut start(Kind kind, Configs.Failure failure, Setup s) throws IOException,
      InterruptedException {
    Path dir = s.workDir().resolve(name(kind, failure).replace(' ', '-'));
    Files.createDirectories(dir);
    Path log = dir.resolve("output.log");
    int primary = primaryPort(failure, s);
    List<String> cmd = new ArrayList<>();
    Map<String, String> headers = new LinkedHashMap<>();
    int port;
    String path = "/v1/chat/completions";
    switch (kind) {
      case DIRECT:
        return new Sut(kind, failure, s.mockPort(), path, headers, null, log);
      case NGINX: {
        port = s.nginxPort();
        int[] broken = failure == Configs.Failure.NONE ? new int[0]
            : failure == Configs.Failure.REFUSED ? s.refusedPorts() : s.failPorts();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, Configs.nginx(dir, port, s.mockPort(), broken));
        cmd.addAll(List.of("nginx", "-p", dir.toString(), "-c", conf.toString(), "-e",
            dir.resolve("error.log").toString()));
        break;
      }
      case PORTKEY: {
        port = s.portkeyPort();
        Path server = s.portkeyDir().resolve(
            "node_modules/@portkey-ai/gateway/build/start-server.js");
        cmd.addAll(List.of("node", "-r", s.loopbackPreload().toString(), server.toString(),
            "--headless", "--port=" + port));
        if (failure == Configs.Failure.NONE) {
          headers.put("x-portkey-provider", "openai");
          headers.put("x-portkey-custom-host", "http://127.0.0.1:" + s.mockPort() + "/v1");
          headers.put("Authorization", "Bearer sk-bench");
        } else {
          headers.put("x-portkey-config", Configs.portkeyFallback(primary, s.mockPort()));
        }
        break;
      }
      case NINELIVES: {
        port = s.nineLivesPort();
        Path conf = dir.resolve("ninelives.yaml");
        Files.writeString(conf, Configs.nineLives(port, primary, s.mockPort(), failure));
        cmd.addAll(nineLivesCommand(s, conf));
        break;
      }
      default:
        throw new IllegalArgumentException("unknown kind " + kind);
    }
    List<String> pinned = new ArrayList<>(List.of("taskset", "-c", Integer.toString(s.sutCpu())));
    pinned.addAll(cmd);
    awaitPortFree(port);
    long launched = System.nanoTime();
    Process p = launch(pinned, log);
    Sut sut = new Sut(kind, failure, port, path, headers, p, log);
    try {
      sut.startMillis = sut.awaitFirstAnswer(launched, Duration.ofSeconds(60));
    } catch (IOException | InterruptedException | RuntimeException e) {
      sut.close(); // never leave a half-started system behind to answer the next one's requests
      throw e;
    }
    return sut;
  }

  /**
   * Waits up to 10 s for nothing to listen on {@code port}: a previous system that is still
   * shutting down must not answer the requests meant for the next one.
   */
  static void awaitPortFree(int port) throws IOException, InterruptedException {
    long limit = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < limit) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      } catch (IOException e) {
        return; // refused: free
      }
      Thread.sleep(100);
    }
    throw new IOException("something still listens on 127.0.0.1:" + port);
  }

  static List<String> nineLivesCommand(Setup s, Path conf) {
    List<String> cmd = new ArrayList<>();
    cmd.add(s.javaBin());
    cmd.addAll(s.javaOpts());
    cmd.addAll(List.of("-jar", s.nineLivesJar().toString(), "serve", "--config",
        conf.toString()));
    return cmd;
  }

  /**
   * Starts NineLives with a configuration of the caller's, pinned like every system under
   * test; {@code request} is the JSON body its first-answer check sends.
   */
  static Sut startNineLives(Setup s, String label, String yaml, int port, String model)
      throws IOException, InterruptedException {
    Path dir = s.workDir().resolve(label);
    Files.createDirectories(dir);
    Path conf = dir.resolve("ninelives.yaml");
    Files.writeString(conf, yaml);
    List<String> pinned = new ArrayList<>(List.of("taskset", "-c", Integer.toString(s.sutCpu())));
    pinned.addAll(nineLivesCommand(s, conf));
    awaitPortFree(port);
    long launched = System.nanoTime();
    Process p = launch(pinned, dir.resolve("output.log"));
    Sut sut = new Sut(Kind.NINELIVES, Configs.Failure.NONE, port, "/v1/chat/completions",
        new LinkedHashMap<>(), p, dir.resolve("output.log"));
    sut.checkModel = model;
    try {
      sut.startMillis = sut.awaitFirstAnswer(launched, Duration.ofSeconds(60));
    } catch (IOException | InterruptedException | RuntimeException e) {
      sut.close();
      throw e;
    }
    return sut;
  }

  /** The model the first-answer check asks for, when not the usual one. */
  private String checkModel;

  /**
   * Starts a process with its output in {@code log}. {@code taskset -c N cmd} execs the
   * command in place, so the PID is the system's own.
   */
  static Process launch(List<String> cmd, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    return pb.start();
  }

  static int primaryPort(Configs.Failure failure, Setup s) {
    switch (failure) {
      case REFUSED:
        return s.refusedPorts()[0];
      case UNAVAILABLE:
        return s.failPorts()[0];
      default:
        return s.mockPort();
    }
  }

  /**
   * Polls with a real request every 5 ms until one is answered with a 200; the time from the
   * launch to that answer is what a deployment waits for before it can serve traffic.
   */
  private double awaitFirstAnswer(long launchedNanos, Duration max)
      throws InterruptedException, IOException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest req = request(checkModel != null ? Configs.body(checkModel, false)
        : body(false, false), Duration.ofSeconds(10));
    long limit = launchedNanos + max.toNanos();
    String last = "no answer";
    while (System.nanoTime() < limit) {
      if (!process.isAlive()) {
        throw new IOException(name() + " exited with " + process.exitValue() + "; see " + log);
      }
      if (portOpen()) {
        try {
          HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            return (System.nanoTime() - launchedNanos) / 1e6;
          }
          last = "HTTP " + r.statusCode() + ": " + abbreviate(r.body());
        } catch (IOException e) {
          last = e.toString();
        }
      }
      Thread.sleep(5);
    }
    throw new IOException(name() + " answered no request within " + max + " (" + last
        + "); see " + log);
  }

  private boolean portOpen() {
    try (Socket s = new Socket()) {
      s.connect(address, 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  HttpRequest request(String body, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + address.getPort() + path)).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return b.build();
  }

  static String abbreviate(String s) {
    String t = s.replace('\n', ' ');
    return t.length() > 200 ? t.substring(0, 200) + "..." : t;
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    // Stop only what this harness started, by PID: a polite TERM to the system's own process
    // (nginx's master stops its worker; killing the worker first would make it start another),
    // then KILL after 5 s, for any of its processes still there.
    List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    family.forEach(ProcessHandle::destroyForcibly);
  }
}
