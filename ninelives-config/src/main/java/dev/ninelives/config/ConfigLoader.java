package dev.ninelives.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a NineLives configuration: reads YAML, substitutes environment variables, validates
 * every key and lints the routing table, reporting all problems of the file in one pass.
 *
 * <p>Nothing escapes as an exception: a missing file or a YAML syntax error is a located
 * {@link ConfigProblem} like any other.
 *
 * <p>Stateless and thread-safe; each call works on its own data.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Reads and checks a configuration file.
   *
   * @param file the YAML file; problems name it as given
   * @param env the environment for {@code ${VAR}} substitution, usually {@code System.getenv()}
   */
  public static ConfigResult load(Path file, Map<String, String> env) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(env, "env");
    String source = file.toString();
    Problems problems = new Problems(source);
    String text;
    try {
      if (Files.isDirectory(file)) {
        problems.error(null, "", "is a directory, not a configuration file");
        return ConfigResult.of(null, problems.all());
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      problems.error(null, "", "file not found");
      return ConfigResult.of(null, problems.all());
    } catch (AccessDeniedException e) {
      problems.error(null, "", "permission denied");
      return ConfigResult.of(null, problems.all());
    } catch (CharacterCodingException e) {
      problems.error(null, "", "not valid UTF-8");
      return ConfigResult.of(null, problems.all());
    } catch (IOException e) {
      problems.error(null, "", "cannot read the file: " + e.getMessage());
      return ConfigResult.of(null, problems.all());
    }
    return parse(text, source, env);
  }

  /**
   * Checks configuration text.
   *
   * @param yaml the YAML text
   * @param sourceName the name problems give as their source, such as a file name
   * @param env the environment for {@code ${VAR}} substitution
   */
  public static ConfigResult parse(String yaml, String sourceName, Map<String, String> env) {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(env, "env");
    Problems problems = new Problems(sourceName);
    Node root;
    try {
      // Composing, not loading: the node tree keeps every value's line and column and its
      // text as written, and no Java object is ever constructed from the document.
      root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      problems.errorAt(e.getProblemMark(), syntaxMessage(e, yaml));
      return ConfigResult.of(null, problems.all());
    } catch (YAMLException e) {
      problems.errorAt(null, "invalid YAML: " + e.getMessage());
      return ConfigResult.of(null, problems.all());
    }
    return new ConfigReader(problems, new EnvSubstitutor(env)).read(root);
  }

  // Only the problem and its context: SnakeYAML's full message quotes the offending source
  // line, which may hold an API key. The context comes first because SnakeYAML phrases it
  // that way ("while parsing a flow mapping ..., expected ',' or '}'").
  private static String syntaxMessage(MarkedYAMLException e, String yaml) {
    StringBuilder sb = new StringBuilder("invalid YAML: ");
    if (e.getContext() != null) {
      sb.append(e.getContext());
      if (e.getContextMark() != null && e.getProblemMark() != null
          && e.getContextMark().getLine() != e.getProblemMark().getLine()) {
        sb.append(" started at line ").append(e.getContextMark().getLine() + 1);
      }
      sb.append(", ");
    }
    sb.append(e.getProblem() == null ? "syntax error" : e.getProblem());
    if (isFlowContext(e) && problemLine(e, yaml).contains("${")) {
      sb.append(" (inside [ ] or { }, quote values that use ${...}: \"${NAME}\")");
    }
    return sb.toString();
  }

  // An unquoted ${VAR} inside [ ] or { } is the most common syntax error in this format:
  // the braces end the flow collection early. The hint only looks at the line, never
  // prints it.
  private static boolean isFlowContext(MarkedYAMLException e) {
    return e.getContext() != null && e.getContext().contains("flow");
  }

  private static String problemLine(MarkedYAMLException e, String yaml) {
    if (e.getProblemMark() == null) {
      return "";
    }
    String[] lines = yaml.split("\\R", -1);
    int line = e.getProblemMark().getLine();
    return line < lines.length ? lines[line] : "";
  }
}
