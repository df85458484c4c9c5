from setuptools import find_packages, setup

with open("requirements.txt", encoding="utf-8") as f:
    REQUIREMENTS = [line.strip() for line in f if line.strip() and not line.startswith("#")]

setup(
    name="kana-app",
    version="0.1.0",
    description="Learn, write and read the Japanese kana, with a recognizer that runs offline",
    packages=find_packages(include=["kana_app", "kana_app.*", "cdk", "cdk.*"]),
    package_data={
        "kana_app": [
            "kana/data/*.json",
            "recognition/models/*",
        ]
    },
    python_requires=">=3.11",
    install_requires=REQUIREMENTS,
    extras_require={
        # Manga OCR is an optional backend; it pulls torch and transformers.
        "manga-ocr": ["manga-ocr==0.1.16"],
    },
)
