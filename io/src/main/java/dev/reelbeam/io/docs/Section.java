package dev.reelbeam.io.docs;

import java.io.Serializable;
import java.util.List;

/**
 * A run of a document's text under one heading path.
 *
 * @param headings the headings above this text, outermost first (empty at the top of a document)
 * @param text normalised text; paragraphs separated by a blank line
 */
public record Section(List<String> headings, String text) implements Serializable {
  public Section {
    headings = List.copyOf(headings);
  }
}
