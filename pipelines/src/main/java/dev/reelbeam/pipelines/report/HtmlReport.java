package dev.reelbeam.pipelines.report;

import dev.reelbeam.pipelines.report.ReportData.Camera;
import dev.reelbeam.pipelines.report.ReportData.ErrorEntry;
import dev.reelbeam.pipelines.report.ReportData.KeyframeEntry;
import dev.reelbeam.pipelines.report.ReportData.Missing;
import dev.reelbeam.pipelines.report.ReportData.Run;
import dev.reelbeam.pipelines.report.ReportData.SceneEntry;
import dev.reelbeam.pipelines.report.ReportData.Segment;
import dev.reelbeam.pipelines.report.ReportData.Series;
import dev.reelbeam.pipelines.report.ReportData.Video;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders {@link ReportData} as one self-contained HTML page: CSS and script inline, images
 * referenced by paths relative to the output root (the page sits there), so the folder can be
 * copied anywhere.
 *
 * <p>Built to open fast on a two-hour film: plots are SVG polylines of at most two points per
 * pixel column ({@link Decimator}); cuts and movement segments are one {@code <path>} each, not
 * one node per frame; thumbnails load lazily with their size given, and scene cards are skipped
 * by layout until scrolled near ({@code content-visibility}). The output depends only on the
 * data: no clock, no random ids.
 */
final class HtmlReport {

  /** Plot width in SVG user units: the decimation's column count. */
  static final int COLUMNS = 1200;

  private static final int SCORE_HEIGHT = 160;
  private static final int LANE = 56;
  private static final int BAND = 18;
  private static final int THUMB_WIDTH = 128;

  /** Colours of the camera movement types (issue 3's names); others get a colour from their name. */
  static final Map<String, String> MOVEMENT_COLOURS = new LinkedHashMap<>();

  static {
    MOVEMENT_COLOURS.put("static", "#9aa0a6");
    MOVEMENT_COLOURS.put("pan_left", "#1a73e8");
    MOVEMENT_COLOURS.put("pan_right", "#4fc3f7");
    MOVEMENT_COLOURS.put("tilt_up", "#188038");
    MOVEMENT_COLOURS.put("tilt_down", "#81c995");
    MOVEMENT_COLOURS.put("zoom_in", "#e37400");
    MOVEMENT_COLOURS.put("zoom_out", "#fdd663");
    MOVEMENT_COLOURS.put("roll", "#a142f4");
    MOVEMENT_COLOURS.put("pan_tilt", "#12b5cb");
    MOVEMENT_COLOURS.put("complex", "#d93025");
    MOVEMENT_COLOURS.put("shake", "#f06292");
    MOVEMENT_COLOURS.put("unknown", "#f1f3f4");
  }

  private final StringBuilder out = new StringBuilder(1 << 16);

  private HtmlReport() {}

  static String render(Run run) {
    HtmlReport r = new HtmlReport();
    r.page(run);
    return r.out.toString();
  }

  private void page(Run run) {
    String title = "ReelBeam report" + (run.film() == null ? "" : " \u2014 " + run.film());
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"ReelBeam\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(esc(title)).append("</h1>\n");
    out.append("<p class=\"meta\">");
    if (run.stage() != null) {
      out.append("stage <b>").append(esc(run.stage())).append("</b> \u00b7 ");
    }
    if (run.timestamp() != null) {
      out.append("run ").append(esc(run.timestamp())).append(" \u00b7 ");
    }
    int scenes = run.videos().stream().mapToInt(v -> v.scenes().size()).sum();
    out.append(run.videos().size()).append(" videos \u00b7 ").append(scenes).append(" scenes \u00b7 ")
        .append(run.errors().size()).append(" errors</p>\n</header>\n<main>\n");
    summary(run);
    errors(run);
    for (int i = 0; i < run.videos().size(); i++) {
      video(run.videos().get(i), i, run.errors());
    }
    out.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
  }

  private void summary(Run run) {
    out.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr>")
        .append("<th>video</th><th>duration</th><th>resolution</th><th>fps</th><th>frames</th>")
        .append("<th>scenes</th><th>audio</th><th>exports</th><th>errors</th></tr></thead>\n<tbody>\n");
    double totalDuration = 0;
    long totalFrames = 0;
    int totalScenes = 0;
    int withAudio = 0;
    for (int i = 0; i < run.videos().size(); i++) {
      Video v = run.videos().get(i);
      totalDuration += v.duration();
      totalFrames += v.frameCount();
      totalScenes += v.scenes().size();
      out.append("<tr><td><a href=\"#v").append(i).append("\">").append(esc(v.videoId())).append("</a>");
      if (v.path() != null) {
        out.append("<div class=\"path\">").append(esc(v.path())).append("</div>");
      }
      out.append("</td><td>").append(timecode(v.duration())).append("</td><td>")
          .append(v.width() > 0 ? v.width() + "\u00d7" + v.height() : "\u2014").append("</td><td>")
          .append(fmt(v.fps(), 3)).append("</td><td class=\"n\">").append(v.frameCount())
          .append("</td><td class=\"n\">").append(v.scenes().size()).append("</td><td>");
      if (v.audio() != null) {
        withAudio++;
        out.append("<a href=\"").append(url(v.audio())).append("\">wav</a>");
      } else {
        out.append("none");
      }
      out.append("</td><td>");
      for (String e : v.exports()) {
        out.append("<a href=\"").append(url(e)).append("\">")
            .append(e.substring(e.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT)).append("</a> ");
      }
      out.append("</td><td>");
      errorLinks(run.errors(), v.videoId());
      out.append("</td></tr>\n");
    }
    for (Missing m : run.missing()) {
      out.append("<tr class=\"failed\"><td>").append(esc(m.videoId()));
      if (m.path() != null) {
        out.append("<div class=\"path\">").append(esc(m.path())).append("</div>");
      }
      out.append("</td><td colspan=\"7\">no scene list</td><td>");
      errorLinks(run.errors(), m.videoId());
      out.append("</td></tr>\n");
    }
    out.append("</tbody>\n<tfoot><tr><th>").append(run.videos().size()).append(" videos</th><th>")
        .append(timecode(totalDuration)).append("</th><th></th><th></th><th class=\"n\">")
        .append(totalFrames).append("</th><th class=\"n\">").append(totalScenes).append("</th><th>")
        .append(withAudio).append(" with audio</th><th></th><th>").append(run.errors().size())
        .append("</th></tr></tfoot>\n</table>\n</section>\n");
  }

  private void errorLinks(List<ErrorEntry> errors, String videoId) {
    boolean any = false;
    for (ErrorEntry e : errors) {
      if (videoId.equals(e.id())) {
        out.append("<a class=\"err\" href=\"").append(url(e.file())).append("\" title=\"")
            .append(esc(e.message())).append("\">").append(esc(e.stage() == null ? "error" : e.stage()))
            .append("</a> ");
        any = true;
      }
    }
    if (!any) {
      out.append("0");
    }
  }

  private void errors(Run run) {
    if (run.errors().isEmpty()) {
      return;
    }
    out.append("<section id=\"errors\">\n<h2>Errors</h2>\n<table class=\"errors\">\n<thead><tr>")
        .append("<th>input</th><th>stage</th><th>exception</th><th>message</th><th>record</th></tr>")
        .append("</thead>\n<tbody>\n");
    for (ErrorEntry e : run.errors()) {
      out.append("<tr><td class=\"path\">").append(esc(e.input())).append("</td><td>")
          .append(esc(e.stage())).append("</td><td>").append(esc(shortClass(e.exceptionClass())))
          .append("</td><td>").append(esc(e.message())).append("</td><td><a href=\"")
          .append(url(e.file())).append("\">").append(esc(e.file().substring(e.file().indexOf('/') + 1)))
          .append("</a></td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  private void video(Video v, int index, List<ErrorEntry> errors) {
    String vid = "v" + index;
    out.append("<section class=\"video\" id=\"").append(vid).append("\" data-frames=\"")
        .append(v.frameCount()).append("\" data-fps=\"").append(fmt(v.fps(), 6))
        .append("\" data-starts=\"");
    for (int i = 0; i < v.scenes().size(); i++) {
      out.append(i == 0 ? "" : ",").append(v.scenes().get(i).startFrame());
    }
    out.append("\">\n<h2>").append(esc(v.videoId())).append("</h2>\n<p class=\"meta\">");
    if (v.path() != null) {
      out.append("<span class=\"path\">").append(esc(v.path())).append("</span><br>");
    }
    out.append(timecode(v.duration())).append(" \u00b7 ").append(v.frameCount()).append(" frames at ")
        .append(fmt(v.fps(), 3)).append(" fps");
    if (v.width() > 0) {
      out.append(" \u00b7 ").append(v.width()).append("\u00d7").append(v.height());
    }
    out.append(" \u00b7 ").append(v.scenes().size()).append(" scenes");
    if (v.detector() != null) {
      out.append(" \u00b7 ").append(esc(v.detector()));
      if (!Double.isNaN(v.threshold())) {
        out.append(" threshold ").append(fmt(v.threshold(), 2));
      }
    }
    out.append("</p>\n");
    if (v.stats() != null) {
      scorePlot(v);
    }
    if (v.camera() != null) {
      cameraPlot(v);
    }
    sceneStrip(v, vid);
    out.append("</section>\n");
  }

  private void scorePlot(Video v) {
    Series s = v.stats();
    float max = 0;
    for (float x : s.values()) {
      if (x > max) {
        max = x;
      }
    }
    double threshold = v.threshold();
    double top = Math.max(1.0, Math.max(max, Double.isNaN(threshold) ? 0 : threshold * 1.25)) * 1.05;
    long span = Math.max(1, v.frameCount());
    out.append("<h3>Content score per frame</h3>\n<figure class=\"plot\">\n")
        .append("<svg class=\"timeline score\" viewBox=\"0 0 ").append(COLUMNS).append(' ')
        .append(SCORE_HEIGHT).append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"content score\">")
        .append("<rect class=\"bg\" width=\"").append(COLUMNS).append("\" height=\"").append(SCORE_HEIGHT)
        .append("\"/>");
    for (Segment t : v.transitions()) {
      double x0 = x(t.startFrame(), span);
      double w = Math.max(1.0, x(Math.max(t.endFrame(), t.startFrame() + 1), span) - x0);
      out.append("<rect class=\"tr ").append(esc(t.type())).append("\" x=\"").append(fmt(x0, 1))
          .append("\" width=\"").append(fmt(w, 1)).append("\" height=\"").append(SCORE_HEIGHT)
          .append("\"><title>").append(esc(t.type().replace('_', ' '))).append(' ')
          .append(t.startFrame()).append('\u2013').append(t.endFrame()).append("</title></rect>");
    }
    out.append("<path class=\"cuts\" d=\"");
    for (long cut : v.cuts()) {
      out.append('M').append(fmt(x(cut, span), 1)).append(" 0V").append(SCORE_HEIGHT);
    }
    out.append("\"><title>").append(v.cuts().length).append(" cuts</title></path>");
    out.append("<polyline class=\"line\" points=\"");
    polyline(Decimator.minMax(s.frames(), s.values(), span, COLUMNS), 0, SCORE_HEIGHT, 0, top);
    out.append("\"/>");
    if (!Double.isNaN(threshold)) {
      String y = fmt(y(threshold, 0, SCORE_HEIGHT, 0, top), 1);
      out.append("<line class=\"threshold\" x1=\"0\" x2=\"").append(COLUMNS).append("\" y1=\"").append(y)
          .append("\" y2=\"").append(y).append("\"><title>threshold ").append(fmt(threshold, 2))
          .append("</title></line>");
    }
    out.append("</svg>\n");
    axis(v);
    out.append("<figcaption><span class=\"key line\"></span> content_val (0\u2013").append(fmt(top, 0))
        .append(") <span class=\"key threshold\"></span> threshold <span class=\"key cuts\"></span> cuts")
        .append(v.transitions().isEmpty() ? "" : " <span class=\"key tr fade_out\"></span> fade out"
            + " <span class=\"key tr fade_in\"></span> fade in <span class=\"key tr dissolve\"></span>"
            + " dissolve <span class=\"key tr flash\"></span> flash")
        .append(" \u00b7 click to jump to the scene</figcaption>\n</figure>\n");
  }

  private void cameraPlot(Video v) {
    Camera c = v.camera();
    long span = Math.max(1, v.frameCount());
    boolean hasTrack = c.frames().length > 0;
    int height = BAND + (hasTrack ? 3 * LANE : 0);
    out.append("<h3>Camera motion</h3>\n<figure class=\"plot\">\n")
        .append("<svg class=\"timeline camera\" viewBox=\"0 0 ").append(COLUMNS).append(' ').append(height)
        .append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"camera motion\">")
        .append("<rect class=\"bg\" width=\"").append(COLUMNS).append("\" height=\"").append(height)
        .append("\"/>");
    // One path per movement type: the band on top and a faint wash over the lanes.
    Map<String, StringBuilder> byType = new LinkedHashMap<>();
    for (Segment seg : c.segments()) {
      double x0 = x(seg.startFrame(), span);
      double x1 = Math.max(x0 + 0.5, x(seg.endFrame(), span));
      byType.computeIfAbsent(seg.type(), t -> new StringBuilder())
          .append('M').append(fmt(x0, 1)).append(" 0H").append(fmt(x1, 1)).append('V').append(height)
          .append('H').append(fmt(x0, 1)).append('Z');
    }
    for (Map.Entry<String, StringBuilder> e : byType.entrySet()) {
      out.append("<path class=\"seg\" fill=\"").append(colour(e.getKey())).append("\" d=\"")
          .append(e.getValue()).append("\"><title>").append(esc(e.getKey())).append("</title></path>");
    }
    if (hasTrack) {
      String[] names = {"dx", "dy", "zoom"};
      float[][] series = {c.dx(), c.dy(), c.zoom()};
      for (int lane = 0; lane < 3; lane++) {
        int y0 = BAND + lane * LANE;
        double range = robustRange(series[lane]);
        out.append("<rect class=\"lane\" y=\"").append(y0).append("\" width=\"").append(COLUMNS)
            .append("\" height=\"").append(LANE).append("\"/>");
        out.append("<line class=\"zero\" x1=\"0\" x2=\"").append(COLUMNS).append("\" y1=\"")
            .append(y0 + LANE / 2).append("\" y2=\"").append(y0 + LANE / 2).append("\"/>");
        out.append("<polyline class=\"line ").append(names[lane]).append("\" points=\"");
        polyline(Decimator.minMax(c.frames(), series[lane], span, COLUMNS), y0, LANE, -range, range);
        out.append("\"><title>").append(names[lane]).append(" \u00b1").append(fmt(range, 4))
            .append("</title></polyline>");
      }
    }
    out.append("</svg>\n");
    if (hasTrack) {
      String[] labels = {"dx", "dy", "zoom"};
      for (int lane = 0; lane < 3; lane++) {
        out.append("<span class=\"lane-label\" style=\"top:").append(BAND + lane * LANE + 2)
            .append("px\">").append(labels[lane]).append("</span>");
      }
      out.append('\n');
    }
    axis(v);
    out.append("<figcaption>");
    if (hasTrack) {
      out.append("lanes: <span class=\"key dx\"></span> dx (frame widths per frame) ")
          .append("<span class=\"key dy\"></span> dy (frame heights per frame) ")
          .append("<span class=\"key zoom\"></span> zoom (scale \u2212 1), each scaled to its own range \u00b7 ");
    }
    TreeSet<String> types = new TreeSet<>(byType.keySet());
    for (String t : types) {
      out.append("<span class=\"swatch\" style=\"background:").append(colour(t)).append("\"></span>")
          .append(esc(t)).append(' ');
    }
    out.append("</figcaption>\n</figure>\n");
  }

  /** Time labels under a plot, in HTML so the stretched SVG does not distort them. */
  private void axis(Video v) {
    out.append("<div class=\"axis\">");
    double d = v.frameCount() / v.fps();
    double step = niceStep(d / 8);
    for (double t = 0; t <= d + 1e-9; t += step) {
      out.append("<span style=\"left:").append(fmt(100.0 * t / Math.max(d, 1e-9), 2)).append("%\">")
          .append(shortTime(t)).append("</span>");
    }
    out.append("</div>\n");
  }

  private void sceneStrip(Video v, String vid) {
    int thumbHeight = v.width() > 0 && v.height() > 0
        ? (int) Math.max(1, Math.round(THUMB_WIDTH * (double) v.height() / v.width()))
        : THUMB_WIDTH * 9 / 16;
    out.append("<h3>Scenes</h3>\n<div class=\"strip\">\n");
    for (SceneEntry s : v.scenes()) {
      long frames = s.endFrame() - s.startFrame();
      out.append("<article class=\"scene\" id=\"").append(vid).append("-s").append(s.sceneId())
          .append("\" data-scene=\"").append(s.sceneId()).append("\">")
          .append("<h4>Scene ").append(s.sceneId()).append("</h4><div class=\"thumbs\">");
      for (KeyframeEntry k : s.keyframes()) {
        out.append("<img loading=\"lazy\" decoding=\"async\" width=\"").append(THUMB_WIDTH)
            .append("\" height=\"").append(thumbHeight).append("\" src=\"").append(url(k.path()))
            .append("\" alt=\"scene ").append(s.sceneId()).append(" frame ").append(k.frame())
            .append("\" title=\"frame ").append(k.frame()).append(" \u00b7 ").append(timecode(k.time()))
            .append("\">");
      }
      out.append("</div><dl><dt>start</dt><dd>").append(timecode(s.startTime()))
          .append("</dd><dt>end</dt><dd>").append(timecode(s.endTime()))
          .append("</dd><dt>length</dt><dd>").append(fmt(s.endTime() - s.startTime(), 2)).append(" s \u00b7 ")
          .append(frames).append(" fr</dd><dt>camera</dt><dd>");
      if (s.movement() != null) {
        out.append("<span class=\"swatch\" style=\"background:").append(colour(s.movement()))
            .append("\"></span>").append(esc(s.movement()));
      } else {
        out.append("\u2014");
      }
      out.append("</dd><dt>composition</dt><dd>")
          .append(Double.isNaN(s.composition()) ? "\u2014" : String.format(Locale.ROOT, "%.2f", s.composition()))
          .append("</dd></dl>");
      if (!s.subtitles().isEmpty()) {
        out.append("<ul class=\"subs\">");
        for (String line : s.subtitles()) {
          out.append("<li>").append(esc(line)).append("</li>");
        }
        out.append("</ul>");
      }
      out.append("</article>\n");
    }
    out.append("</div>\n");
  }

  /** Appends min/max columns as polyline points, y growing downwards inside [y0, y0 + h]. */
  private void polyline(float[][] columns, int y0, int h, double lo, double hi) {
    boolean first = true;
    for (int c = 0; c < columns.length; c++) {
      float[] mm = columns[c];
      if (mm == null) {
        continue;
      }
      String x = Integer.toString(c);
      String yMax = fmt(y(mm[1], y0, h, lo, hi), 1);
      String yMin = fmt(y(mm[0], y0, h, lo, hi), 1);
      if (!first) {
        out.append(' ');
      }
      first = false;
      out.append(x).append(',').append(yMax);
      if (!yMin.equals(yMax)) {
        out.append(' ').append(x).append(',').append(yMin);
      }
    }
  }

  private static double x(long frame, long span) {
    return (double) frame * COLUMNS / span;
  }

  private static double y(double value, int y0, int h, double lo, double hi) {
    double t = (value - lo) / (hi - lo);
    t = Math.max(0, Math.min(1, t));
    return y0 + h - t * h;
  }

  /** The 99th percentile of |values| (spikes would flatten everything else), at least 1e-4. */
  static double robustRange(float[] values) {
    if (values.length == 0) {
      return 1e-4;
    }
    float[] abs = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      abs[i] = Float.isNaN(values[i]) ? 0 : Math.abs(values[i]);
    }
    Arrays.sort(abs);
    double p = abs[Math.min(abs.length - 1, (int) Math.floor(abs.length * 0.99))];
    return Math.max(p * 1.1, 1e-4);
  }

  private static double niceStep(double raw) {
    double[] steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
    for (double s : steps) {
      if (s >= raw) {
        return s;
      }
    }
    return 3600 * Math.ceil(raw / 3600);
  }

  static String colour(String type) {
    String c = MOVEMENT_COLOURS.get(type);
    if (c != null) {
      return c;
    }
    int hue = Math.floorMod(type.hashCode(), 360);
    return "hsl(" + hue + ",55%,55%)";
  }

  /** {@code HH:MM:SS.mmm}, as PySceneDetect's scene lists show times. */
  static String timecode(double seconds) {
    long ms = Math.round(Math.max(0, seconds) * 1000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, (ms / 60_000) % 60,
        (ms / 1000) % 60, ms % 1000);
  }

  private static String shortTime(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  static String fmt(double v, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    if (decimals > 0) {
      // trailing zeros, then a trailing point: what two regular expressions did, without
      // compiling them for each of the plots' thousands of numbers
      int end = s.length();
      while (end > 0 && s.charAt(end - 1) == '0') {
        end--;
      }
      if (end > 0 && s.charAt(end - 1) == '.') {
        end--;
      }
      s = s.substring(0, end);
    }
    return s.equals("-0") ? "0" : s;
  }

  private static String shortClass(String name) {
    return name == null ? "" : name.substring(name.lastIndexOf('.') + 1);
  }

  /** HTML text and attribute escaping. */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  /** A relative path as a URL: each segment percent-encoded, '/' kept. */
  static String url(String relativePath) {
    List<String> parts = new ArrayList<>();
    for (String seg : relativePath.split("/", -1)) {
      parts.add(URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return esc(String.join("/", parts));
  }

  private static final String CSS =
      """
      :root{--fg:#202124;--muted:#5f6368;--bg:#fff;--panel:#f8f9fa;--line:#dadce0;--accent:#1a73e8}
      *{box-sizing:border-box}
      body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif;color:var(--fg);background:var(--bg)}
      header{padding:16px 24px;background:#202124;color:#fff}
      header h1{margin:0 0 4px;font-size:20px}
      header .meta{color:#bdc1c6;margin:0}
      main{padding:8px 24px 48px}
      h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
      h3{font-size:14px;margin:18px 0 6px;color:var(--muted);font-weight:600}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
      thead th,tfoot th{background:var(--panel)}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      .path{color:var(--muted);font-size:12px;word-break:break-all}
      tr.failed td{background:#fce8e6}
      a{color:var(--accent)}
      a.err{color:#d93025;font-weight:600}
      .meta{color:var(--muted)}
      figure.plot{margin:0 0 8px;position:relative}
      svg.timeline{display:block;width:100%;border:1px solid var(--line);cursor:crosshair}
      svg.score{height:160px}
      svg.camera{height:186px}
      svg .bg{fill:#fff}
      svg .lane{fill:none;stroke:var(--line);vector-effect:non-scaling-stroke}
      svg .line{fill:none;stroke:#1a73e8;stroke-width:1;vector-effect:non-scaling-stroke}
      svg .line.dy{stroke:#188038}
      svg .line.zoom{stroke:#e37400}
      svg .cuts{stroke:#d93025;stroke-width:1;opacity:.55;vector-effect:non-scaling-stroke}
      svg .tr{opacity:.28}.tr.fade_out{fill:#3c4043}.tr.fade_in{fill:#9aa0a6}.tr.dissolve{fill:#1a73e8}.tr.flash{fill:#f9ab00}
      .key.tr{display:inline-block;width:12px;height:10px;border:0;opacity:.6;vertical-align:middle}
      .key.tr.fade_out{background:#3c4043}.key.tr.fade_in{background:#9aa0a6}.key.tr.dissolve{background:#1a73e8}.key.tr.flash{background:#f9ab00}
      svg .threshold{stroke:#202124;stroke-dasharray:6 4;stroke-width:1;vector-effect:non-scaling-stroke}
      svg .zero{stroke:#bdc1c6;stroke-width:1;vector-effect:non-scaling-stroke}
      svg .seg{opacity:.28}
      .axis{position:relative;height:16px;font-size:11px;color:var(--muted)}
      .axis span{position:absolute;transform:translateX(-50%);white-space:nowrap}
      .axis span:first-child{transform:none}
      figcaption{font-size:12px;color:var(--muted);margin-top:2px}
      .key{display:inline-block;width:14px;height:0;border-top:2px solid #1a73e8;vertical-align:middle;margin:0 2px 0 6px}
      .key.threshold{border-top:2px dashed #202124}
      .key.cuts{border-top-color:#d93025}
      .key.dy{border-top-color:#188038}
      .key.zoom{border-top-color:#e37400}
      .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;border:1px solid rgba(0,0,0,.2);margin:0 3px 0 6px;vertical-align:-1px}
      .lane-label{position:absolute;left:4px;font-size:11px;color:var(--fg);background:rgba(255,255,255,.85);padding:0 3px;border-radius:2px;pointer-events:none}
      .readout:empty{display:none}
      .readout{position:absolute;top:4px;right:8px;background:rgba(255,255,255,.9);font-size:12px;padding:1px 6px;border-radius:3px;pointer-events:none}
      .strip{display:flex;flex-wrap:wrap;gap:8px}
      .scene{border:1px solid var(--line);border-radius:6px;padding:6px;background:var(--panel);content-visibility:auto;contain-intrinsic-size:auto 170px}
      .scene.hit{outline:3px solid var(--accent)}
      .scene h4{margin:0 0 4px;font-size:13px}
      .thumbs{display:flex;gap:3px}
      .thumbs img{display:block;background:#e8eaed;border-radius:2px;height:auto;max-width:128px}
      .scene dl{display:grid;grid-template-columns:auto 1fr;gap:0 8px;margin:4px 0 0;font-size:12px}
      .scene dt{color:var(--muted)}
      .scene dd{margin:0;font-variant-numeric:tabular-nums}
      .scene .subs{margin:4px 0 0;padding-left:16px;font-size:12px;font-style:italic}
      """;

  private static final String SCRIPT =
      """
      (function(){
        function sceneAt(section, frame){
          var starts = section.dataset.starts ? section.dataset.starts.split(',').map(Number) : [];
          var lo = 0, hi = starts.length - 1;
          while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= frame) lo = mid; else hi = mid - 1; }
          return lo;
        }
        function frameAt(svg, section, ev){
          var r = svg.getBoundingClientRect();
          var f = Math.floor((ev.clientX - r.left) / r.width * Number(section.dataset.frames));
          return Math.max(0, Math.min(Number(section.dataset.frames) - 1, f));
        }
        document.querySelectorAll('section.video').forEach(function(section){
          var cards = section.querySelectorAll('article.scene');
          section.querySelectorAll('svg.timeline').forEach(function(svg){
            var readout = document.createElement('div');
            readout.className = 'readout';
            svg.parentNode.appendChild(readout);
            svg.addEventListener('mousemove', function(ev){
              var f = frameAt(svg, section, ev);
              var s = sceneAt(section, f);
              readout.textContent = 'frame ' + f + ' \\u00b7 ' + (f / Number(section.dataset.fps)).toFixed(2) + ' s \\u00b7 scene ' + (cards[s] ? cards[s].dataset.scene : '');
            });
            svg.addEventListener('click', function(ev){
              var card = cards[sceneAt(section, frameAt(svg, section, ev))];
              if (!card) return;
              document.querySelectorAll('article.scene.hit').forEach(function(c){ c.classList.remove('hit'); });
              card.classList.add('hit');
              card.scrollIntoView({behavior: 'smooth', block: 'center'});
            });
          });
        });
      })();
      """;
}
