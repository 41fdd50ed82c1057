"""Units and criteria of the demo programmes. Titles follow the shape of real BTEC
specifications; the criterion wording is the product's own."""

# programme code -> [(unit number, title, guided learning hours, mandatory, external,
#                     [(code, learning aim, text), ...])]
UNITS = {
    "BSP3X1": [
        ("1", "Anatomy and Physiology", 120, True, True, []),
        ("2", "Fitness Training and Programming for Health, Sport and Well-being", 120, True,
         True, []),
        ("3", "Professional Development in the Sports Industry", 60, True, False, [
            ("P1", "A", "Describe the range of careers and job roles in the sports industry."),
            ("P2", "A", "Explain the skills and qualifications needed for two chosen roles."),
            ("M1", "A", "Assess own skills against the needs of a chosen career pathway."),
            ("P3", "B", "Carry out a skills audit and set development goals."),
            ("P4", "B", "Produce a personal development plan with realistic targets."),
            ("M2", "B", "Analyse how the plan will move you towards your chosen role."),
            ("D1", "AB", "Evaluate your plan, justifying the choices made against the demands "
                         "of the industry."),
        ]),
        ("4", "Sports Leadership", 60, False, False, [
            ("P1", "A", "Describe the qualities of effective sports leaders."),
            ("P2", "A", "Compare the styles of two leaders in different sporting settings."),
            ("M1", "A", "Analyse how leadership style affects participants."),
            ("P3", "B", "Plan and lead a safe sports session for a chosen group."),
            ("M2", "B", "Adapt the session in response to the group's needs."),
            ("D1", "AB", "Evaluate your own leadership, with targets for improvement."),
        ]),
    ],
    "BHS2T1": [
        ("1", "Human Lifespan Development", 36, True, False, [
            ("P1", "A", "Describe growth and development at each life stage."),
            ("P2", "A", "Explain how physical, intellectual, emotional and social development "
                        "interrelate."),
            ("M1", "A", "Compare development across two life stages."),
            ("P3", "B", "Explain how life events can affect development."),
            ("M2", "B", "Assess how an individual might adapt to a major life event."),
            ("D1", "AB", "Evaluate the support available to an individual after a life event."),
        ]),
        ("2", "Health and Social Care Services and Values", 36, True, False, [
            ("P1", "A", "Describe the health and social care services available locally."),
            ("P2", "A", "Explain barriers to accessing services and how they are overcome."),
            ("M1", "A", "Analyse how well barriers are overcome for one individual."),
            ("P3", "B", "Demonstrate the care values in a practical setting."),
            ("D1", "AB", "Evaluate your use of care values, with recommendations."),
        ]),
        ("3", "Health and Wellbeing", 48, True, True, []),
    ],
    "BIT3D1": [
        ("1", "Information Technology Systems", 120, True, True, []),
        ("2", "Creating Systems to Manage Information", 90, True, True, []),
        ("3", "Using Social Media in Business", 90, True, False, [
            ("P1", "A", "Explain how businesses use social media to promote products."),
            ("P2", "A", "Discuss the risks of social media use for a business."),
            ("M1", "A", "Analyse the impact of social media on a chosen business."),
            ("P3", "B", "Plan social media content for a business to meet its goals."),
            ("P4", "B", "Review the plan with others and refine it."),
            ("M2", "B", "Justify the choices made in the plan."),
            ("P5", "C", "Implement the plan and collect usage data."),
            ("M3", "C", "Analyse the usage data against the business goals."),
            ("D1", "BC", "Evaluate the plan and its results, recommending improvements."),
        ]),
        ("6", "Website Development", 60, False, False, [
            ("P1", "A", "Explain the principles of website design and usability."),
            ("M1", "A", "Compare two websites against those principles."),
            ("P2", "B", "Design a website for a given client brief."),
            ("P3", "C", "Build and test the website."),
            ("M2", "C", "Refine the website using test results and feedback."),
            ("D1", "BC", "Evaluate the website against the client's requirements."),
        ]),
    ],
}
