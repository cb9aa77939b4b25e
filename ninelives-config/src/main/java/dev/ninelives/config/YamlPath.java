package dev.ninelives.config;

/** Builds the dotted paths shown in problems, such as {@code models.chat.targets[1]}. */
final class YamlPath {
  private YamlPath() {}

  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
