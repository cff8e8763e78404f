package portal.analysis;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Registers, under Elasticsearch's own names, the analysis components that the
 * integ-test distribution lacks. {@code standard}, {@code lowercase} and
 * {@code stop} come with the server and must not be registered twice.
 */
public final class PortalAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("french", FrenchAnalyzerProvider::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("asciifolding", Filters::asciiFolding);
        filters.put("elision", Filters::elision);
        filters.put("stemmer", StemmerFilterFactory::new);
        filters.put("edge_ngram", Filters::edgeNGram);
        filters.put("ngram", Filters::nGram);
        filters.put("word_delimiter_graph", Filters::wordDelimiterGraph);
        filters.put("unique", Filters::unique);
        filters.put("trim", Filters::trim);
        filters.put("truncate", Filters::truncate);
        // Without rules these cannot be built, so they exist only where configured.
        filters.put("synonym", requiresAnalysisSettings(SynonymFilterFactory::flat));
        filters.put("synonym_graph", requiresAnalysisSettings(SynonymFilterFactory::graph));
        return filters;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> tokenizers = new TreeMap<>();
        tokenizers.put("keyword", Tokenizers::keyword);
        tokenizers.put("whitespace", Tokenizers::whitespace);
        tokenizers.put("letter", Tokenizers::letter);
        tokenizers.put("edge_ngram", Tokenizers::edgeNGram);
        tokenizers.put("ngram", Tokenizers::nGram);
        return tokenizers;
    }
}
