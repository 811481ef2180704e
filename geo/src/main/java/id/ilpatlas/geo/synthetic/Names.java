package id.ilpatlas.geo.synthetic;

import java.util.SplittableRandom;

/**
 * Plain lists of common Indonesian (largely Javanese) given names and street names. Combinations are drawn at
 * random: the people are obviously synthetic.
 */
final class Names {

    private static final String[] BOYS = {
        "Muhammad",
        "Ahmad",
        "Rizky",
        "Fajar",
        "Dimas",
        "Bagus",
        "Arif",
        "Adi",
        "Ilham",
        "Yusuf",
        "Rafi",
        "Farhan",
        "Aditya",
        "Bayu",
        "Galih",
        "Hafiz",
        "Rendi",
        "Satria",
        "Taufik",
        "Wahyu",
        "Zaki",
        "Alif",
        "Daffa",
        "Fadil",
        "Gilang",
        "Raka",
        "Naufal",
        "Arkan",
        "Kenzie",
        "Azka",
        "Abdullah",
        "Raffa",
        "Akbar",
        "Fikri",
        "Hanif",
        "Reza",
        "Dafa",
        "Ibnu",
        "Umar",
        "Zidan"
    };
    private static final String[] GIRLS = {
        "Siti",
        "Nur",
        "Aisyah",
        "Putri",
        "Dewi",
        "Ayu",
        "Nabila",
        "Zahra",
        "Salsabila",
        "Anisa",
        "Rahma",
        "Dian",
        "Wulan",
        "Kartika",
        "Intan",
        "Citra",
        "Nadia",
        "Aulia",
        "Alya",
        "Khansa",
        "Naura",
        "Syifa",
        "Kayla",
        "Azzahra",
        "Hana",
        "Fatimah",
        "Keisha",
        "Amira",
        "Nayla",
        "Zaskia",
        "Annisa",
        "Laila",
        "Maryam",
        "Rania",
        "Safira",
        "Tiara",
        "Vania",
        "Yasmin",
        "Bilqis",
        "Qonita"
    };
    private static final String[] BOY_SECOND = {
        "Pratama",
        "Saputra",
        "Ramadhan",
        "Hidayat",
        "Santoso",
        "Setiawan",
        "Kurniawan",
        "Nugroho",
        "Maulana",
        "Firmansyah",
        "Prasetyo",
        "Hakim",
        "Al Fatih",
        "Wijaya",
        "Alfarizi",
        "Putra",
        "Syahputra",
        "Ardiansyah",
        "Fauzan",
        "Rasyid"
    };
    private static final String[] GIRL_SECOND = {
        "Putri",
        "Lestari",
        "Rahmawati",
        "Safitri",
        "Anggraini",
        "Wulandari",
        "Permatasari",
        "Handayani",
        "Azzahra",
        "Ramadhani",
        "Khairunnisa",
        "Nuraini",
        "Maharani",
        "Salsabila",
        "Amelia",
        "Fitriani",
        "Oktaviani",
        "Rahmadani",
        "Pertiwi",
        "Zahira"
    };
    private static final String[] OLDER_MEN = {
        "Slamet",
        "Sugeng",
        "Sutrisno",
        "Bambang",
        "Supriyadi",
        "Darmo",
        "Kasmadi",
        "Rohmat",
        "Suyono",
        "Tarno",
        "Mulyono",
        "Warsito",
        "Juwadi",
        "Karyono",
        "Sodikin",
        "Rasman"
    };
    private static final String[] OLDER_WOMEN = {
        "Sumarni",
        "Suparmi",
        "Sri",
        "Sumiati",
        "Kasmirah",
        "Tarsini",
        "Rokhanah",
        "Siti",
        "Khotijah",
        "Wartini",
        "Muslimah",
        "Rusmini",
        "Sutini",
        "Darsih",
        "Kusnah",
        "Masriah"
    };
    private static final String[] STREETS = {
        "Melati",
        "Kenanga",
        "Mawar",
        "Dahlia",
        "Cempaka",
        "Anggrek",
        "Flamboyan",
        "Seruni",
        "Sawo",
        "Manggis",
        "Nangka",
        "Jambu",
        "Belimbing",
        "Kelapa",
        "Pisang",
        "Durian",
        "Diponegoro",
        "Kartini",
        "Sultan Agung",
        "Pattimura",
        "Imam Bonjol",
        "Hasanuddin",
        "Gajah Mada",
        "Sriwijaya",
        "Pelita",
        "Merdeka",
        "Kurinci",
        "Semeru",
        "Bromo",
        "Slamet",
        "Progo",
        "Bengawan",
        "Batik",
        "Pantai",
        "Bandeng",
        "Tambak",
        "Pesisir",
        "Nelayan",
        "Dr. Wahidin",
        "Pemuda",
        "Jlamprang",
        "Sorogenen"
    };

    private Names() {}

    /** A child's or young adult's name: one to three parts. */
    static String young(boolean girl, SplittableRandom random) {
        String first = Draw.oneOf(girl ? GIRLS : BOYS, random);
        double u = random.nextDouble();
        if (u < 0.2) {
            return first;
        }
        String second = Draw.oneOf(girl ? GIRL_SECOND : BOY_SECOND, random);
        if (u < 0.85 || second.equals(first)) {
            return first + " " + second;
        }
        return first + " " + Draw.oneOf(girl ? GIRLS : BOYS, random) + " " + second;
    }

    /** An adult's name; people born before about 1975 often have a single Javanese name. */
    static String adult(boolean woman, int birthYear, SplittableRandom random) {
        if (birthYear < 1975 && random.nextDouble() < 0.7) {
            return Draw.oneOf(woman ? OLDER_WOMEN : OLDER_MEN, random);
        }
        return young(woman, random);
    }

    /** {@code n} street names for one RW, distinct where possible. */
    static String[] streets(int n, SplittableRandom random) {
        String[] chosen = new String[n];
        for (int i = 0; i < n; i++) {
            String street;
            int tries = 0;
            do {
                street = Draw.oneOf(STREETS, random);
            } while (contains(chosen, i, street) && ++tries < 20);
            chosen[i] = street;
        }
        return chosen;
    }

    private static boolean contains(String[] values, int n, String value) {
        for (int i = 0; i < n; i++) {
            if (values[i].equals(value)) {
                return true;
            }
        }
        return false;
    }
}
