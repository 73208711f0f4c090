package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionLabelsTest {
    private static final List<String> BASEBALL = List.of(
            "The pitcher threw a no-hitter and the baseball season starts well for the team.",
            "Our pitcher's ERA this season is the best on the team; baseball fans are happy.",
            "Who was the best baseball pitcher of the season? The team needs an ace.",
            "The team traded its pitcher before the baseball season ended.");
    private static final List<String> SPACE = List.of(
            "The shuttle launch to orbit was delayed; NASA will try the launch next week.",
            "NASA plans a launch of a probe into orbit around Venus.",
            "An orbit change after launch cost NASA fuel for the shuttle.",
            "The shuttle reached orbit after a clean launch, NASA said.");
    private static final List<String> EVERYWHERE = List.of(
            "The team said the shuttle and the pitcher were on time; people think so.",
            "People think the team, the shuttle and time matter.",
            "The team and people think about time and the shuttle.",
            "People think time is short for the team.");

    @Test
    void eachRegionIsNamedByItsOwnWordsNotStopWordsOrSharedOnes() {
        List<String> texts = new ArrayList<>(BASEBALL);
        texts.addAll(SPACE);
        texts.addAll(EVERYWHERE);
        int[] regions = new int[texts.size()];
        for (int i = 0; i < regions.length; i++) regions[i] = i < 4 ? 0 : i < 8 ? 1 : -1;
        List<List<String>> words = new RegionLabels(texts).label(regions, 2);
        assertThat(words.get(0).subList(0, 3)).containsExactlyInAnyOrder("pitcher", "baseball", "season");
        assertThat(words.get(1).subList(0, 3)).containsExactlyInAnyOrder("launch", "orbit", "nasa");
        assertThat(words.get(0)).doesNotContain("the", "team", "people", "think");
        assertThat(words.get(0)).hasSizeLessThanOrEqualTo(RegionLabels.WORDS);
    }

    @Test
    void aWordRepeatedInOnePostDoesNotNameItsRegion() {
        List<String> texts = new ArrayList<>(BASEBALL);
        texts.set(0, texts.get(0) + " jpeg".repeat(50));
        texts.addAll(List.of("jpeg images", "jpeg viewers", "jpeg quality")); // so that jpeg passes the corpus minimum
        int[] regions = {0, 0, 0, 0, -1, -1, -1};
        assertThat(new RegionLabels(texts).label(regions, 1).get(0)).doesNotContain("jpeg");
    }
}
