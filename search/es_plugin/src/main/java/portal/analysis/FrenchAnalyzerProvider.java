package portal.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;

/**
 * The {@code french} analyzer: Lucene's FrenchAnalyzer (standard tokenizer, elision
 * of the French articles, lowercase, French stop words, light French stemming).
 * Accepts {@code stopwords}, {@code stopwords_path} and {@code stem_exclusion}.
 */
final class FrenchAnalyzerProvider extends AbstractIndexAnalyzerProvider<FrenchAnalyzer> {

    private final FrenchAnalyzer analyzer;

    FrenchAnalyzerProvider(IndexSettings index, Environment env, String name, Settings settings) {
        super(name, settings);
        CharArraySet stopWords =
                Analysis.parseStopWords(env, settings, FrenchAnalyzer.getDefaultStopSet());
        CharArraySet keepUnstemmed = Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET);
        analyzer = new FrenchAnalyzer(stopWords, keepUnstemmed);
    }

    @Override
    public FrenchAnalyzer get() {
        return analyzer;
    }
}
