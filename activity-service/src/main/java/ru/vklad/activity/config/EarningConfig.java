package ru.vklad.activity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vklad.rules")
public interface EarningConfig {

    /** Letters a comment needs, links, mentions, hashtags, emoji and stickers left out, to count as substantive. */
    @WithDefault("20")
    int substantiveCommentMinLetters();
}
