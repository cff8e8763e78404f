package portal.analysis;

import java.io.IOException;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;

/** Token filters that only need their settings read once: one method per filter type. */
final class Filters {

    private Filters() {}

    static TokenFilterFactory asciiFolding(
            IndexSettings index, Environment env, String name, Settings settings) {
        boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        // Normalizing or parsing synonym rules wants one token per input.
        return new Normalizing(
                name, settings, in -> new ASCIIFoldingFilter(in, preserveOriginal),
                ASCIIFoldingFilter::new);
    }

    /** {@code articles}/{@code articles_path}, {@code articles_case}; French by default. */
    static TokenFilterFactory elision(
            IndexSettings index, Environment env, String name, Settings settings) {
        CharArraySet configured = Analysis.parseArticles(env, settings);
        CharArraySet articles = configured != null ? configured : FrenchAnalyzer.DEFAULT_ARTICLES;
        UnaryOperator<TokenStream> elide = in -> new ElisionFilter(in, articles);
        return new Normalizing(name, settings, elide, elide);
    }

    static TokenFilterFactory trim(
            IndexSettings index, Environment env, String name, Settings settings) {
        return new Normalizing(name, settings, TrimFilter::new, TrimFilter::new);
    }

    static TokenFilterFactory truncate(
            IndexSettings index, Environment env, String name, Settings settings) {
        int length = settings.getAsInt("length", 10);
        if (length < 1) {
            throw new IllegalArgumentException(
                    "[length] of token filter [" + name + "] must be at least 1, got " + length);
        }
        return new Simple(name, settings, in -> new TruncateTokenFilter(in, length));
    }

    /** {@code only_on_same_position}: false drops any repeat of an earlier token. */
    static TokenFilterFactory unique(
            IndexSettings index, Environment env, String name, Settings settings) {
        if (settings.getAsBoolean("only_on_same_position", false)) {
            return new Simple(name, settings, RemoveDuplicatesTokenFilter::new);
        }
        return new Simple(name, settings, UniqueFilter::new);
    }

    static TokenFilterFactory edgeNGram(
            IndexSettings index, Environment env, String name, Settings settings) {
        int min = settings.getAsInt("min_gram", 1);
        int max = settings.getAsInt("max_gram", 2);
        boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        return new Expanding(
                name, settings, in -> new EdgeNGramTokenFilter(in, min, max, preserveOriginal));
    }

    static TokenFilterFactory nGram(
            IndexSettings index, Environment env, String name, Settings settings) {
        int min = settings.getAsInt("min_gram", 1);
        int max = settings.getAsInt("max_gram", 2);
        boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        checkNGramDiff(index, name, min, max);
        return new Expanding(
                name, settings, in -> new NGramTokenFilter(in, min, max, preserveOriginal));
    }

    /** The boolean options as Elasticsearch documents them, and {@code protected_words}. */
    static TokenFilterFactory wordDelimiterGraph(
            IndexSettings index, Environment env, String name, Settings settings) {
        int flags = 0;
        flags |= flag(settings, "generate_word_parts", true,
                WordDelimiterGraphFilter.GENERATE_WORD_PARTS);
        flags |= flag(settings, "generate_number_parts", true,
                WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS);
        flags |= flag(settings, "catenate_words", false, WordDelimiterGraphFilter.CATENATE_WORDS);
        flags |= flag(settings, "catenate_numbers", false,
                WordDelimiterGraphFilter.CATENATE_NUMBERS);
        flags |= flag(settings, "catenate_all", false, WordDelimiterGraphFilter.CATENATE_ALL);
        flags |= flag(settings, "split_on_case_change", true,
                WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE);
        flags |= flag(settings, "preserve_original", false,
                WordDelimiterGraphFilter.PRESERVE_ORIGINAL);
        flags |= flag(settings, "split_on_numerics", true,
                WordDelimiterGraphFilter.SPLIT_ON_NUMERICS);
        flags |= flag(settings, "stem_english_possessive", true,
                WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE);
        flags |= flag(settings, "ignore_keywords", false, WordDelimiterGraphFilter.IGNORE_KEYWORDS);
        int configured = flags;
        boolean adjustOffsets = settings.getAsBoolean("adjust_offsets", true);
        CharArraySet protectedWords = Analysis.getWordSet(env, settings, "protected_words");
        return new Expanding(name, settings, in -> new WordDelimiterGraphFilter(
                in, adjustOffsets, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, configured,
                protectedWords));
    }

    private static int flag(Settings settings, String key, boolean byDefault, int flag) {
        return settings.getAsBoolean(key, byDefault) ? flag : 0;
    }

    /** Same limit as the server applies: {@code index.max_ngram_diff}. */
    static void checkNGramDiff(IndexSettings index, String name, int min, int max) {
        int allowed = index.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException(
                    "[" + name + "]: max_gram - min_gram is " + (max - min) + ", more than the ["
                            + allowed + "] that the index setting ["
                            + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] allows");
        }
    }

    /** A filter factory that is just a function wrapping the stream. */
    static class Simple extends AbstractTokenFilterFactory {
        private final UnaryOperator<TokenStream> filter;

        Simple(String name, Settings settings, UnaryOperator<TokenStream> filter) {
            super(name, settings);
            this.filter = filter;
        }

        @Override
        public TokenStream create(TokenStream in) {
            return filter.apply(in);
        }
    }

    /** Also allowed in normalizers, where it must emit one token per input. */
    static final class Normalizing extends Simple implements NormalizingTokenFilterFactory {
        private final UnaryOperator<TokenStream> normalizer;

        Normalizing(String name, Settings settings, UnaryOperator<TokenStream> filter,
                UnaryOperator<TokenStream> normalizer) {
            super(name, settings, filter);
            this.normalizer = normalizer;
        }

        @Override
        public TokenStream normalize(TokenStream in) {
            return normalizer.apply(in);
        }

        @Override
        public TokenFilterFactory getSynonymFilter() {
            return new Normalizing(name(), Settings.EMPTY, normalizer, normalizer);
        }
    }

    /** Emits several tokens per input, which would garble the terms of synonym rules. */
    static final class Expanding extends Simple {
        Expanding(String name, Settings settings, UnaryOperator<TokenStream> filter) {
            super(name, settings, filter);
        }

        @Override
        public TokenFilterFactory getSynonymFilter() {
            throw new IllegalArgumentException(
                    "token filter [" + name() + "] cannot come before a synonym filter");
        }
    }

    /** Keeps the first occurrence of each term; positions of the dropped ones are kept. */
    static final class UniqueFilter extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final CharArraySet seen = new CharArraySet(16, false);

        UniqueFilter(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            if (seen.contains(term.buffer(), 0, term.length())) {
                return false;
            }
            seen.add(term.toString());
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            seen.clear();
        }
    }
}
