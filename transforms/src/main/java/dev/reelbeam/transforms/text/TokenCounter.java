package dev.reelbeam.transforms.text;

/** Counts the tokens a model sees for a text, special tokens included. */
@FunctionalInterface
public interface TokenCounter {
  int count(String text);
}
