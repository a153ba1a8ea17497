package dev.skillrt.spi;

/** Providers for the registry tests. */
final class TestProviders {

  private TestProviders() {}

  /** A provider with a chosen id that creates nothing. */
  static class Named implements SkillRuntimeProvider {
    private final String id;

    Named(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Availability probe(RuntimeConfig config) {
      return Availability.ok();
    }

    @Override
    public SkillRuntime create(RuntimeConfig config) {
      throw new UnsupportedOperationException("not needed by these tests");
    }
  }

  /** Listed in META-INF/services: loads fine. */
  public static class Good extends Named {
    public Good() {
      super("good");
    }
  }

  /** Listed in META-INF/services: its constructor fails. */
  public static class Exploding extends Named {
    public Exploding() {
      super("exploding");
      throw new IllegalStateException("cannot start");
    }
  }

  /** Another class with the id "good". */
  static class AlsoGood extends Named {
    AlsoGood() {
      super("good");
    }
  }
}
