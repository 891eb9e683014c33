// Checks that an ontology file is in the OWL 2 DL profile, with the OWL API
// bundled in owlready2's HermiT.jar.  Run with the source launcher (Java 11+):
//   java -cp .../owlready2/hermit/HermiT.jar DLProfile.java ontology.ttl
// Prints one line per violation, then IN-PROFILE or NOT-IN-PROFILE.
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;

public class DLProfile {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        OWLOntology o = m.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport r = new OWL2DLProfile().checkOntology(o);
        for (OWLProfileViolation v : r.getViolations()) System.out.println(v.getClass().getSimpleName() + "\t" + v);
        System.out.println(r.isInProfile() ? "IN-PROFILE" : "NOT-IN-PROFILE");
    }
}
