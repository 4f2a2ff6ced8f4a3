using System;
using ChildProtection.Training.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    [DbContext(typeof(PostgresTrainingDbContext))]
    [Migration("20261206082957_Initial")]
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clientRequest",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Purpose = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ClientHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clientRequest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "contest",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Slug = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    BankName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    QuestionsPerRound = table.Column<int>(type: "integer", nullable: false),
                    TimeLimitMinutes = table.Column<int>(type: "integer", nullable: false),
                    RankingOrder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "contestCodeRequest",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ClientHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contestCodeRequest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "questionBank",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questionBank", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "unit",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ParentId = table.Column<int>(type: "integer", nullable: true),
                    Path = table.Column<string>(type: "text", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit", x => x.Id);
                    table.ForeignKey(
                        name: "FK_unit_unit_ParentId",
                        column: x => x.ParentId,
                        principalTable: "unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contestRound",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContestId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosesUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    QuizKey = table.Column<Guid>(type: "uuid", nullable: false),
                    ResultsPublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contestRound", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contestRound_contest_ContestId",
                        column: x => x.ContestId,
                        principalTable: "contest",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forumEvent",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Question = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosesUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ContestId = table.Column<int>(type: "integer", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forumEvent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forumEvent_contest_ContestId",
                        column: x => x.ContestId,
                        principalTable: "contest",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "bankQuestion",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BankId = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    BodyJson = table.Column<string>(type: "text", nullable: false),
                    Feedback = table.Column<string>(type: "text", nullable: true),
                    TextFormat = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RetiredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bankQuestion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_bankQuestion_questionBank_BankId",
                        column: x => x.BankId,
                        principalTable: "questionBank",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quiz",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    BankId = table.Column<int>(type: "integer", nullable: false),
                    DefinitionJson = table.Column<string>(type: "text", nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosesUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quiz_questionBank_BankId",
                        column: x => x.BankId,
                        principalTable: "questionBank",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assignment",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CourseKey = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    DueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Mandatory = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assignment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_assignment_unit_UnitId",
                        column: x => x.UnitId,
                        principalTable: "unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "learner",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    RegisteredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OptionalRemindersOff = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learner", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learner_unit_UnitId",
                        column: x => x.UnitId,
                        principalTable: "unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contestClass",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    OrganiserAccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrganiserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contestClass", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contestClass_contestRound_RoundId",
                        column: x => x.RoundId,
                        principalTable: "contestRound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forumGroup",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forumGroup", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forumGroup_forumEvent_EventId",
                        column: x => x.EventId,
                        principalTable: "forumEvent",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quizAttempt",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    QuizId = table.Column<int>(type: "integer", nullable: false),
                    Participant = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    PlanJson = table.Column<string>(type: "text", nullable: true),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedByServer = table.Column<bool>(type: "boolean", nullable: false),
                    Marks = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    CorrectCount = table.Column<int>(type: "integer", nullable: true),
                    Passed = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quizAttempt", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quizAttempt_quiz_QuizId",
                        column: x => x.QuizId,
                        principalTable: "quiz",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "certificate",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    LearnerId = table.Column<int>(type: "integer", nullable: false),
                    CourseKey = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CourseTitle = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RevokedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificate", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certificate_learner_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learner",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enrolment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LearnerId = table.Column<int>(type: "integer", nullable: false),
                    CourseKey = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    EnrolledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrolment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enrolment_learner_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learner",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lessonView",
                columns: table => new
                {
                    LearnerId = table.Column<int>(type: "integer", nullable: false),
                    LessonKey = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseKey = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lessonView", x => new { x.LearnerId, x.LessonKey });
                    table.ForeignKey(
                        name: "FK_lessonView_learner_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learner",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reminderSent",
                columns: table => new
                {
                    AssignmentId = table.Column<int>(type: "integer", nullable: false),
                    LearnerId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminderSent", x => new { x.AssignmentId, x.LearnerId, x.Kind });
                    table.ForeignKey(
                        name: "FK_reminderSent_assignment_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "assignment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_reminderSent_learner_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learner",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contestClassCode",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClassId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EntryId = table.Column<long>(type: "bigint", nullable: true),
                    UsedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contestClassCode", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contestClassCode_contestClass_ClassId",
                        column: x => x.ClassId,
                        principalTable: "contestClass",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contestEntry",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    FullName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BirthDateOrClass = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    School = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    ClassId = table.Column<int>(type: "integer", nullable: true),
                    Verified = table.Column<bool>(type: "boolean", nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CodeExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CodeTries = table.Column<int>(type: "integer", nullable: false),
                    Guess = table.Column<long>(type: "bigint", nullable: true),
                    AttemptKey = table.Column<Guid>(type: "uuid", nullable: true),
                    PaperKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contestEntry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contestEntry_contestClass_ClassId",
                        column: x => x.ClassId,
                        principalTable: "contestClass",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_contestEntry_contestRound_RoundId",
                        column: x => x.RoundId,
                        principalTable: "contestRound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forumAnswer",
                columns: table => new
                {
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AnsweredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AnsweredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forumAnswer", x => x.GroupId);
                    table.ForeignKey(
                        name: "FK_forumAnswer_forumGroup_GroupId",
                        column: x => x.GroupId,
                        principalTable: "forumGroup",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forumForwarding",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    BodyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BodyEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ForwardedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ForwardedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forumForwarding", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forumForwarding_forumGroup_GroupId",
                        column: x => x.GroupId,
                        principalTable: "forumGroup",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forumOpinion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FirstName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    School = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    GradeOrAge = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    SentByTeacher = table.Column<bool>(type: "boolean", nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RejectionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ModeratedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModeratedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    GroupId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forumOpinion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forumOpinion_forumEvent_EventId",
                        column: x => x.EventId,
                        principalTable: "forumEvent",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_forumOpinion_forumGroup_GroupId",
                        column: x => x.GroupId,
                        principalTable: "forumGroup",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "attemptAnswer",
                columns: table => new
                {
                    AttemptId = table.Column<long>(type: "bigint", nullable: false),
                    QuestionId = table.Column<long>(type: "bigint", nullable: false),
                    ResponseJson = table.Column<string>(type: "text", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    SavedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attemptAnswer", x => new { x.AttemptId, x.QuestionId });
                    table.ForeignKey(
                        name: "FK_attemptAnswer_quizAttempt_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "quizAttempt",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assignment_DueUtc",
                table: "assignment",
                column: "DueUtc");

            migrationBuilder.CreateIndex(
                name: "IX_assignment_UnitId",
                table: "assignment",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_bankQuestion_BankId_Category",
                table: "bankQuestion",
                columns: new[] { "BankId", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_certificate_Code",
                table: "certificate",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificate_LearnerId_CourseKey",
                table: "certificate",
                columns: new[] { "LearnerId", "CourseKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_clientRequest_Purpose_ClientHash_SentUtc",
                table: "clientRequest",
                columns: new[] { "Purpose", "ClientHash", "SentUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_clientRequest_SentUtc",
                table: "clientRequest",
                column: "SentUtc");

            migrationBuilder.CreateIndex(
                name: "IX_contest_Key",
                table: "contest",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contest_Slug",
                table: "contest",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestClass_Key",
                table: "contestClass",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestClass_OrganiserAccountId_RoundId",
                table: "contestClass",
                columns: new[] { "OrganiserAccountId", "RoundId" });

            migrationBuilder.CreateIndex(
                name: "IX_contestClass_RoundId",
                table: "contestClass",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_contestClassCode_ClassId_Number",
                table: "contestClassCode",
                columns: new[] { "ClassId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestClassCode_CodeHash",
                table: "contestClassCode",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestClassCode_EntryId",
                table: "contestClassCode",
                column: "EntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestCodeRequest_ClientHash_SentUtc",
                table: "contestCodeRequest",
                columns: new[] { "ClientHash", "SentUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_contestCodeRequest_Email_SentUtc",
                table: "contestCodeRequest",
                columns: new[] { "Email", "SentUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_contestEntry_AttemptKey",
                table: "contestEntry",
                column: "AttemptKey");

            migrationBuilder.CreateIndex(
                name: "IX_contestEntry_ClassId",
                table: "contestEntry",
                column: "ClassId");

            migrationBuilder.CreateIndex(
                name: "IX_contestEntry_Key",
                table: "contestEntry",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestEntry_RoundId_Email",
                table: "contestEntry",
                columns: new[] { "RoundId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestEntry_RoundId_UnitId",
                table: "contestEntry",
                columns: new[] { "RoundId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_contestRound_ContestId_Number",
                table: "contestRound",
                columns: new[] { "ContestId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestRound_QuizKey",
                table: "contestRound",
                column: "QuizKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_CompletedUtc_UnitId_Role_CourseKey",
                table: "enrolment",
                columns: new[] { "CompletedUtc", "UnitId", "Role", "CourseKey" });

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_CourseKey",
                table: "enrolment",
                column: "CourseKey");

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_LearnerId_CourseKey",
                table: "enrolment",
                columns: new[] { "LearnerId", "CourseKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_UnitId_Role_CourseKey_EnrolledUtc_CompletedUtc",
                table: "enrolment",
                columns: new[] { "UnitId", "Role", "CourseKey", "EnrolledUtc", "CompletedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_forumEvent_ContestId",
                table: "forumEvent",
                column: "ContestId");

            migrationBuilder.CreateIndex(
                name: "IX_forumEvent_Key",
                table: "forumEvent",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_forumEvent_Slug",
                table: "forumEvent",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_forumForwarding_GroupId",
                table: "forumForwarding",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_forumGroup_EventId",
                table: "forumGroup",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_forumOpinion_EventId_Status",
                table: "forumOpinion",
                columns: new[] { "EventId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_forumOpinion_GroupId",
                table: "forumOpinion",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_learner_AccountId",
                table: "learner",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learner_Key",
                table: "learner",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learner_UnitId_Role_RegisteredUtc",
                table: "learner",
                columns: new[] { "UnitId", "Role", "RegisteredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_lessonView_LearnerId_CourseKey",
                table: "lessonView",
                columns: new[] { "LearnerId", "CourseKey" });

            migrationBuilder.CreateIndex(
                name: "IX_questionBank_Key",
                table: "questionBank",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_BankId",
                table: "quiz",
                column: "BankId");

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Key",
                table: "quiz",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quizAttempt_Key",
                table: "quizAttempt",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quizAttempt_QuizId_Participant",
                table: "quizAttempt",
                columns: new[] { "QuizId", "Participant" });

            migrationBuilder.CreateIndex(
                name: "IX_quizAttempt_SubmittedUtc_DeadlineUtc",
                table: "quizAttempt",
                columns: new[] { "SubmittedUtc", "DeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_reminderSent_LearnerId",
                table: "reminderSent",
                column: "LearnerId");

            migrationBuilder.CreateIndex(
                name: "IX_unit_Code",
                table: "unit",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_unit_ParentId",
                table: "unit",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_unit_Path",
                table: "unit",
                column: "Path");

            migrationBuilder.CreateTable(
                name: "paperVersion",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    QuizId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<int>(type: "integer", nullable: false),
                    PlanJson = table.Column<string>(type: "text", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_paperVersion", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_contestEntry_RoundId_PaperKey",
                table: "contestEntry",
                columns: new[] { "RoundId", "PaperKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_paperVersion_QuizId_Code",
                table: "paperVersion",
                columns: new[] { "QuizId", "Code" },
                unique: true);
            migrationBuilder.AddColumn<bool>(
                name: "AwaitingMarks",
                table: "quizAttempt",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "MarkingGap",
                table: "contest",
                type: "numeric(9,4)",
                precision: 9,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "MarkedFraction",
                table: "attemptAnswer",
                type: "numeric(9,6)",
                precision: 9,
                scale: 6,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contestJuror",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContestId = table.Column<int>(type: "integer", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contestJuror", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contestJuror_contest_ContestId",
                        column: x => x.ContestId,
                        principalTable: "contest",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "essayMark",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AttemptId = table.Column<long>(type: "bigint", nullable: false),
                    QuestionId = table.Column<long>(type: "bigint", nullable: false),
                    Turn = table.Column<int>(type: "integer", nullable: false),
                    MarkerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MarkerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Marks = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    MarkedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_essayMark", x => x.Id);
                    table.ForeignKey(
                        name: "FK_essayMark_attemptAnswer_AttemptId_QuestionId",
                        columns: x => new { x.AttemptId, x.QuestionId },
                        principalTable: "attemptAnswer",
                        principalColumns: new[] { "AttemptId", "QuestionId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_quizAttempt_QuizId_AwaitingMarks",
                table: "quizAttempt",
                columns: new[] { "QuizId", "AwaitingMarks" });

            migrationBuilder.CreateIndex(
                name: "IX_contestJuror_AccountId",
                table: "contestJuror",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_contestJuror_ContestId_AccountId",
                table: "contestJuror",
                columns: new[] { "ContestId", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_essayMark_AttemptId_QuestionId_MarkerId",
                table: "essayMark",
                columns: new[] { "AttemptId", "QuestionId", "MarkerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_essayMark_AttemptId_QuestionId_Turn",
                table: "essayMark",
                columns: new[] { "AttemptId", "QuestionId", "Turn" },
                unique: true);
            migrationBuilder.CreateTable(
                name: "attemptFile",
                columns: table => new
                {
                    AttemptId = table.Column<long>(type: "bigint", nullable: false),
                    QuestionId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    SavedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attemptFile", x => new { x.AttemptId, x.QuestionId });
                    table.ForeignKey(
                        name: "FK_attemptFile_quizAttempt_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "quizAttempt",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.DropIndex(
                name: "IX_quizAttempt_QuizId_Participant",
                table: "quizAttempt");

            migrationBuilder.AddColumn<int>(
                name: "PaperCode",
                table: "quizAttempt",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_quizAttempt_QuizId_Participant_PaperCode",
                table: "quizAttempt",
                columns: new[] { "QuizId", "Participant", "PaperCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_quizAttempt_QuizId_Participant_PaperCode",
                table: "quizAttempt");

            migrationBuilder.DropColumn(
                name: "PaperCode",
                table: "quizAttempt");

            migrationBuilder.CreateIndex(
                name: "IX_quizAttempt_QuizId_Participant",
                table: "quizAttempt",
                columns: new[] { "QuizId", "Participant" });

            migrationBuilder.DropTable(
                name: "attemptFile");

            migrationBuilder.DropTable(
                name: "contestJuror");

            migrationBuilder.DropTable(
                name: "essayMark");

            migrationBuilder.DropIndex(
                name: "IX_quizAttempt_QuizId_AwaitingMarks",
                table: "quizAttempt");

            migrationBuilder.DropColumn(
                name: "AwaitingMarks",
                table: "quizAttempt");

            migrationBuilder.DropColumn(
                name: "MarkingGap",
                table: "contest");

            migrationBuilder.DropColumn(
                name: "MarkedFraction",
                table: "attemptAnswer");

            migrationBuilder.DropTable(
                name: "paperVersion");

            migrationBuilder.DropTable(
                name: "attemptAnswer");

            migrationBuilder.DropTable(
                name: "bankQuestion");

            migrationBuilder.DropTable(
                name: "certificate");

            migrationBuilder.DropTable(
                name: "clientRequest");

            migrationBuilder.DropTable(
                name: "contestClassCode");

            migrationBuilder.DropTable(
                name: "contestCodeRequest");

            migrationBuilder.DropTable(
                name: "contestEntry");

            migrationBuilder.DropTable(
                name: "enrolment");

            migrationBuilder.DropTable(
                name: "forumAnswer");

            migrationBuilder.DropTable(
                name: "forumForwarding");

            migrationBuilder.DropTable(
                name: "forumOpinion");

            migrationBuilder.DropTable(
                name: "lessonView");

            migrationBuilder.DropTable(
                name: "reminderSent");

            migrationBuilder.DropTable(
                name: "quizAttempt");

            migrationBuilder.DropTable(
                name: "contestClass");

            migrationBuilder.DropTable(
                name: "forumGroup");

            migrationBuilder.DropTable(
                name: "assignment");

            migrationBuilder.DropTable(
                name: "learner");

            migrationBuilder.DropTable(
                name: "quiz");

            migrationBuilder.DropTable(
                name: "contestRound");

            migrationBuilder.DropTable(
                name: "forumEvent");

            migrationBuilder.DropTable(
                name: "unit");

            migrationBuilder.DropTable(
                name: "questionBank");

            migrationBuilder.DropTable(
                name: "contest");
        }
    }
}
