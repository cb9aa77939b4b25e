package dev.ninelives.cli;

import picocli.CommandLine;

/** The version printed by {@code --version}, from the jar's manifest when packaged. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"ninelives " + (v == null ? "development build" : v)};
  }
}
