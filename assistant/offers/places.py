"""A small offline gazetteer of German places for the place-of-work field.

No packaged list of all German municipalities is installed on this machine (the PyPI gazetteers fetch their
data at run time), so this is a hand-written list: the ~200 largest German cities and some well-known smaller
ones, plus the English names that international job boards use ("Munich", "Cologne"). It only *confirms* that
a word is a place (a header line "Firma – Ort", "in Berlin", "Standort: …"); a postcode before a name
("12345 Stadt") needs no list.
"""

from __future__ import annotations

import re

_CITIES = """
Aachen Aalen Ahlen Arnsberg Aschaffenburg Augsburg Bad_Homburg Bad_Kreuznach Bad_Oeynhausen Bad_Salzuflen Baden-Baden
Bamberg Bayreuth Bergheim Bergisch_Gladbach Berlin Bielefeld Bocholt Bochum Bonn Bottrop Brandenburg_an_der_Havel
Braunschweig Bremen Bremerhaven Castrop-Rauxel Celle Chemnitz Cottbus Darmstadt Delmenhorst Dessau-Roßlau Detmold
Dinslaken Dormagen Dorsten Dortmund Dresden Duisburg Düren Düsseldorf Eisenach Emden Erfurt Erlangen Erkrath Eschweiler
Essen Esslingen Esslingen_am_Neckar Flensburg Frankfurt Frankfurt_am_Main Frankfurt_(Oder) Frechen Freiburg
Freiburg_im_Breisgau Friedrichshafen Fulda Fürth Garbsen Gelsenkirchen Gera Gießen Gladbeck Göppingen Görlitz Goslar
Göttingen Greifswald Grevenbroich Gummersbach Gütersloh Hagen Halle Halle_(Saale) Hamburg Hameln Hamm Hanau Hannover
Hattingen Heidelberg Heilbronn Herford Herne Herten Hildesheim Hof Hürth Ingolstadt Iserlohn Jena Kaiserslautern Karlsruhe
Kassel Kempten Kerpen Kiel Koblenz Köln Konstanz Krefeld Landshut Langenfeld Leipzig Leverkusen Lingen Lippstadt Lübeck
Lüdenscheid Ludwigsburg Ludwigshafen Ludwigshafen_am_Rhein Lüneburg Lünen Magdeburg Mainz Mannheim Marburg Marl Meerbusch
Menden Minden Moers Mönchengladbach Mülheim Mülheim_an_der_Ruhr München Münster Neubrandenburg Neumünster Neuss Neu-Ulm
Neuwied Norderstedt Nordhorn Nürnberg Oberhausen Offenbach Offenbach_am_Main Offenburg Oldenburg Osnabrück Paderborn
Passau Pforzheim Plauen Potsdam Pulheim Ratingen Recklinghausen Regensburg Remscheid Reutlingen Rheine Rosenheim Rostock
Rüsselsheim Saarbrücken Salzgitter Sankt_Augustin Schwäbisch_Gmünd Schweinfurt Schwerin Siegen Sindelfingen Solingen
Speyer Stolberg Stralsund Stuttgart Trier Troisdorf Tübingen Ulm Unna Velbert Viersen Villingen-Schwenningen Waiblingen
Wesel Wetzlar Wiesbaden Wilhelmshaven Witten Wolfenbüttel Wolfsburg Worms Wuppertal Würzburg Zwickau
Ansbach Aschersleben Bautzen Bernau Böblingen Buxtehude Coburg Cuxhaven Deggendorf Dachau Eberswalde Elmshorn Erding
Freising Fürstenfeldbruck Gotha Hennef Ibbenbüren Kaufbeuren Kleve Lahr Landau Leonberg Limburg Lörrach Memmingen
Merseburg Neumarkt Neustadt Nordhausen Peine Pinneberg Ravensburg Rastatt Schwabach Sigmaringen Singen Stade Stendal
Straubing Suhl Traunstein Tuttlingen Uelzen Verden Weimar Weiden Weißenfels Wismar Zweibrücken Amberg Cham Schwandorf
Ribnitz-Damgarten Prenzlau Eckernförde Neuruppin Oranienburg Wolfratshausen Garmisch-Partenkirchen Starnberg Unterföhring
Eschborn Walldorf Herzogenaurach Wolfsburg Ismaning Garching Gilching Grünwald Oberursel Ettlingen Bruchsal
"""

# English (and other international) names used by job boards → the name as written there is kept as the value.
EXONYMS: dict[str, str] = {
    "Munich": "München", "Cologne": "Köln", "Nuremberg": "Nürnberg", "Hanover": "Hannover", "Brunswick": "Braunschweig",
    "Dusseldorf": "Düsseldorf", "Duesseldorf": "Düsseldorf", "Cologne/Bonn": "Köln", "Frankfurt am Main": "Frankfurt",
    "Muenchen": "München", "Koeln": "Köln", "Nuernberg": "Nürnberg", "Wurzburg": "Würzburg", "Munster": "Münster",
    "Gottingen": "Göttingen", "Lubeck": "Lübeck", "Saarbrucken": "Saarbrücken", "Osnabruck": "Osnabrück",
}

CITIES: frozenset[str] = frozenset(c.replace("_", " ") for c in _CITIES.split()) | frozenset(EXONYMS)
_CITY_ALT = "|".join(sorted((re.escape(c) for c in CITIES), key=len, reverse=True))
# a known place as a whole word (longest name first, so "Frankfurt am Main" beats "Frankfurt")
CITY_RX = re.compile(r"(?<![\wäöüß\-])(" + _CITY_ALT + r")(?![\wäöüß\-])")


def is_place(name: str) -> bool:
    return name.strip() in CITIES
