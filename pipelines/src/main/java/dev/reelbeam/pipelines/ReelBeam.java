package dev.reelbeam.pipelines;

/** Command-line entry point. */
public final class ReelBeam {
  private ReelBeam() {}

  public static void main(String[] args) {
    System.out.println("reelbeam");
  }
}
