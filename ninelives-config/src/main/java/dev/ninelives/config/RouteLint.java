package dev.ninelives.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Warnings about the shape of the routing table: things that load fine but undermine the
 * point of a reliability gateway. Stateless.
 */
final class RouteLint {
  private RouteLint() {}

  /**
   * @param providers every declared provider name with its key node
   * @param routes every route that was read
   */
  static void check(Map<String, Node> providers, Iterable<ModelReader.RouteSite> routes,
      Problems problems) {
    Set<String> used = new LinkedHashSet<>();
    boolean anyRoute = false;
    boolean allComplete = true;
    for (ModelReader.RouteSite route : routes) {
      anyRoute = true;
      // A target that could not be read (a misspelt provider) already has its error; judging
      // the route without it would add warnings that vanish once the error is fixed.
      if (!route.complete()) {
        allComplete = false;
        continue;
      }
      Set<String> onRoute = new LinkedHashSet<>();
      for (ModelReader.TargetSite t : route.targets()) {
        onRoute.add(t.ref().provider());
      }
      used.addAll(onRoute);
      if (onRoute.size() == 1) {
        String only = onRoute.iterator().next();
        problems.warning(route.keyNode(), route.path(), "route '" + route.alias()
            + "' has no target on a second provider: an outage of '" + only
            + "' takes it down");
      }
    }
    // With no routes at all, "no models configured" already says it; one warning per
    // provider on top would only be noise. With an unreadable target, the provider it meant
    // is unknown, so no provider can be called unused.
    if (!anyRoute || !allComplete) {
      return;
    }
    providers.forEach((name, keyNode) -> {
      if (!used.contains(name)) {
        problems.warning(keyNode, YamlPath.child("providers", name), "provider '" + name
            + "' is not a target of any route (clients can still reach it directly as '"
            + name + "/<model>')");
      }
    });
  }
}
