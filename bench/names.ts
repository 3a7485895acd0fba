// Name parts for generated benchmark contacts: varied, with accents, so search is
// exercised as it is on real data.
export const firstNames =
  `James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan
Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Margaret Mark Sandra Donald
Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa
José María Jesús Ángel Zoë Chloé Léa Hélène Noël Aurélie Björn Søren Jürgen Müller Óscar Iñigo Raúl Inés Ramón Begoña
Aisha Fatima Omar Yusuf Priya Ravi Ananya Arjun Chen Wei Mei Jun Hiroshi Yuki Kenji Sakura Olufemi Amara Chidi Ngozi
Lukas Ingrid Freya Astrid Mateo Sofia Valentina Diego Tomás Camila Élodie Zoltán Dóra Ewa Łukasz Paweł Agnieszka`.split(
    /\s+/,
  );

export const lastNames =
  `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson
Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell
Álvarez Núñez Peña Gómez Fernández Lefèvre Dubois Müller Schäfer Weiß Søndergaard Ångström Østergaard Kowalski Wójcik
Khan Patel Sharma Singh Gupta Okafor Adeyemi Tanaka Suzuki Watanabe Kim Park Choi Wang Li Zhang Liu Haddad Nasser
Rossi Russo Ferrari Esposito Bianchi Larsen Jensen Nielsen Hansen Schmidt Becker Fischer O'Brien Murphy Kelly`.split(
    /\s+/,
  );

export const companyWords =
  `Acme Northwind Blue Harbor Lumen Granite Oak Skyline Meridian Evergreen Prism Summit Pioneer
Atlas Beacon Cedar Crescent Delta Echo Falcon Horizon Ironwood Juniper Keystone Lighthouse Maple Nova Orchard Pinnacle
Quantum Redwood Sterling Titan Union Vertex Willow Zenith Café Olé Bâtiment Königs Nordström Sól`.split(/\s+/);

export const companySuffixes = [
  "Realty",
  "Homes",
  "Builders",
  "Group",
  "Holdings",
  "Ventures",
  "Partners",
  "Properties",
  "Estates",
  "Analytics",
];
