// Runs SPARQL SELECT queries with Apache Jena ARQ on lankg's exported graph, for the cross-check in
// test_arq_crosscheck.py. One JVM for all queries: args = graph.trig graph.ttl out-dir query.rq...
// The TriG gives the named graphs (the gazetteer); the Turtle, the union of all graphs, is the default
// graph, which is what lankg's store shows a query (pyoxigraph's default graph as union).
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.RDFDataMgr;

public class ArqBatch {
    public static void main(String[] args) throws Exception {
        Dataset dataset = DatasetFactory.create();
        RDFDataMgr.read(dataset, args[0]);
        RDFDataMgr.read(dataset.getDefaultModel(), args[1]);
        Path out = Path.of(args[2]);
        for (int i = 3; i < args.length; i++) {
            Path file = Path.of(args[i]);
            Query query = QueryFactory.create(Files.readString(file));
            String name = file.getFileName().toString().replace(".rq", ".json");
            try (QueryExecution exec = QueryExecutionFactory.create(query, dataset);
                 OutputStream os = Files.newOutputStream(out.resolve(name))) {
                ResultSetFormatter.outputAsJSON(os, exec.execSelect());
            }
        }
    }
}
