"""The lankg vocabulary as Python terms, and every namespace lankg writes with.

``LANKG`` lists exactly the subjects of ``ontology/lankg.ttl`` in the lankg
namespace (tests/ontology/test_namespaces.py checks the two agree); with
``_fail = True`` a misspelt term raises ``AttributeError`` where it is used.
This is the only module that spells out an IRI of the project.
"""

from __future__ import annotations

import re

from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, TIME, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

from lankg.options import DEFAULT_BASE  # spelt there so the command line can show it without loading rdflib

__all__ = ["LANKG", "LANKG_SHAPES", "SCOPE", "DEFAULT_BASE", "VOID", "DCAT", "SD", "DATA_LICENSE", "PREFIXES", "QUERY_PREFIXES", "expand"]


class LANKG(DefinedNamespace):
    """Classes, properties and individuals of the lankg ontology (ontology/lankg.ttl)."""

    _fail = True
    _NS = Namespace("https://w3id.org/lankg/ontology#")

    # Classes and individuals
    Agreement: URIRef
    AttendanceMode: URIRef
    Attendee: URIRef
    Blended: URIRef
    CentralAgency: URIRef
    City: URIRef
    Event: URIRef
    FreeTradeZoneAuthority: URIRef
    InPerson: URIRef
    Institution: URIRef
    Membership: URIRef
    Mention: URIRef
    Ministry: URIRef
    MoU: URIRef
    Official: URIRef
    OtherAgreement: URIRef
    OtherInstitution: URIRef
    PKS: URIRef
    ParticipantRole: URIRef
    Participation: URIRef
    Province: URIRef
    ReferenceDataset: URIRef
    Regency: URIRef
    RegionalGovernment: URIRef
    Representative: URIRef
    Scope: URIRef
    Signatory: URIRef
    SigningEvent: URIRef
    SourceArticle: URIRef
    Speaker: URIRef
    University: URIRef
    Virtual: URIRef
    Witness: URIRef

    # Properties
    acronym: URIRef
    alias: URIRef
    attendance: URIRef
    city: URIRef
    date: URIRef
    dateAsWritten: URIRef
    dateNote: URIRef
    degreeOrTitle: URIRef
    during: URIRef
    end: URIRef
    evidencedOn: URIRef
    fileName: URIRef
    host: URIRef
    inArticle: URIRef
    inProvince: URIRef
    kemendagriCode: URIRef
    member: URIRef
    mention: URIRef
    mode: URIRef
    name: URIRef
    noDateReason: URIRef
    onBehalfOf: URIRef
    organization: URIRef
    participant: URIRef
    participation: URIRef
    party: URIRef
    postTitle: URIRef
    retrievedOn: URIRef
    role: URIRef
    scope: URIRef
    scopeAsWritten: URIRef
    sha256: URIRef
    signatory: URIRef
    signedAt: URIRef
    signedOn: URIRef
    start: URIRef
    text: URIRef
    time: URIRef
    venue: URIRef


LANKG_SHAPES = Namespace("https://w3id.org/lankg/shapes#")
SCOPE = Namespace("https://w3id.org/lankg/scope/")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

#: The licence the dataset description declares (the project's own, MIT).
DATA_LICENSE = URIRef("https://spdx.org/licenses/MIT")

#: Prefixes bound in every serialisation and declared in every named query.
PREFIXES: dict[str, str] = {
    "lankg": str(LANKG._NS),
    "scope": str(SCOPE),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "org": str(ORG),
    "prov": str(PROV),
    "schema": str(SDO),
    "time": str(TIME),
    "foaf": str(FOAF),
    "dcterms": str(DCTERMS),
    "sh": str(SH),
    "void": str(VOID),
    "dcat": str(DCAT),
    "sd": str(SD),
}

#: Prefixes a query, a parameter or a name option may use undeclared: PREFIXES, and id: for the instances under the default base.
QUERY_PREFIXES: dict[str, str] = {**PREFIXES, "id": DEFAULT_BASE}


def expand(text: str) -> str:
    """The IRI a prefixed name such as ``id:region/64.01`` (as tables show it) or ``id:region\\/64.01`` (as SPARQL writes it) stands for.

    Text whose part before the first colon is not one of QUERY_PREFIXES
    (``https://...``, ``urn:...``, a name) comes back unchanged.
    """
    prefix, colon, local = text.partition(":")
    if not colon or prefix not in QUERY_PREFIXES or local.startswith("//"):
        return text
    return QUERY_PREFIXES[prefix] + re.sub(r"\\(.)", r"\1", local)
